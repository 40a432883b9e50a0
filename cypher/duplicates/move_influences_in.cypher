MATCH (keep:Person {id: $keep_id})
MATCH (a:Person)-[i:INFLUENCES]->(drop:Person {id: $drop_id})
OPTIONAL MATCH (a)-[twin:INFLUENCES]->(keep)
WHERE twin.plan_id = i.plan_id
WITH keep, a, i, count(twin) AS twins
WITH keep, a, i, twins = 0 AND a <> keep AS moves
FOREACH (_ IN CASE WHEN moves THEN [1] ELSE [] END |
  CREATE (a)-[n:INFLUENCES]->(keep)
  SET n = properties(i))
DELETE i
RETURN sum(CASE WHEN moves THEN 1 ELSE 0 END) AS n, sum(CASE WHEN moves THEN 0 ELSE 1 END) AS dropped
