UNWIND $users AS owner
MATCH ()-[r:KNOWS {owner: owner}]->()
WHERE r.visibility <> 'private' AND (r.created_at >= $since OR r.updated_at >= $since)
WITH owner,
     CASE WHEN r.created_at >= $since THEN (r.created_at - $since) / $week_ms END AS recorded,
     CASE WHEN r.updated_at >= $since AND r.updated_at <> r.created_at THEN (r.updated_at - $since) / $week_ms END AS updated
RETURN owner, collect(recorded) AS recorded, collect(updated) AS updated
