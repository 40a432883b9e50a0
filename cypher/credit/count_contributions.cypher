MATCH (i:IntroRequest)
WHERE i.status = 'accepted' AND i.decided_at >= $since
RETURN i.owner AS user, 'intros_made' AS kind, count(i) AS n
UNION ALL
MATCH (i:IntroRequest)
WHERE i.status = 'accepted' AND i.decided_at >= $since
RETURN i.requester AS user, 'intros_received' AS kind, count(i) AS n
UNION ALL
MATCH (n:Nomination)
WHERE n.status = 'approved' AND n.decided_at >= $since
RETURN n.nominator AS user, 'nominations_approved' AS kind, count(n) AS n
UNION ALL
MATCH (n:Nomination)
WHERE n.status = 'approved' AND n.decided_at >= $since
UNWIND coalesce(n.consented, []) AS owner
RETURN owner AS user, 'contacts_shared' AS kind, count(n) AS n
