MATCH (n)
WHERE NOT n:AuditEntry AND NOT n:Person
  AND (n.person_id = $drop_id OR n.member_id = $drop_id OR n.target_id = $drop_id
       OR n.link = '/people/' + $drop_id)
SET n.person_id = CASE WHEN n.person_id = $drop_id THEN $keep_id ELSE n.person_id END,
    n.member_id = CASE WHEN n.member_id = $drop_id THEN $keep_id ELSE n.member_id END,
    n.target_id = CASE WHEN n.target_id = $drop_id THEN $keep_id ELSE n.target_id END,
    n.link = CASE WHEN n.link = '/people/' + $drop_id THEN '/people/' + $keep_id ELSE n.link END
RETURN count(n) AS n
