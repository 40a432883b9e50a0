MATCH (a:Person)-[r:KNOWS]->(b:Person)
WITH r, coalesce(r.owner, '') + '|' + CASE WHEN a.id < b.id THEN a.id + '|' + b.id ELSE b.id + '|' + a.id END AS key
WHERE r.pair IS NULL OR r.pair <> key
WITH r, key
LIMIT $limit
SET r.pair = key
RETURN count(r) AS n
