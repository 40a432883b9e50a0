MATCH (keep:Person {id: $keep_id})
MATCH (drop:Person {id: $drop_id})-[i:INFLUENCES]->(b:Person)
OPTIONAL MATCH (keep)-[twin:INFLUENCES]->(b)
WHERE twin.plan_id = i.plan_id
WITH keep, i, b, count(twin) AS twins
WITH keep, i, b, twins = 0 AND b <> keep AS moves
FOREACH (_ IN CASE WHEN moves THEN [1] ELSE [] END |
  CREATE (keep)-[n:INFLUENCES]->(b)
  SET n = properties(i))
DELETE i
RETURN sum(CASE WHEN moves THEN 1 ELSE 0 END) AS n, sum(CASE WHEN moves THEN 0 ELSE 1 END) AS dropped
