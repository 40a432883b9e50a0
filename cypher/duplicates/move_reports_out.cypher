MATCH (keep:Person {id: $keep_id})
MATCH (drop:Person {id: $drop_id})-[r:REPORTS_TO]->(b:Person)
OPTIONAL MATCH (keep)-[own:REPORTS_TO]->(:Person)
WITH keep, r, b, count(own) AS bosses
WITH keep, r, b, bosses = 0 AND b <> keep AS moves
FOREACH (_ IN CASE WHEN moves THEN [1] ELSE [] END |
  CREATE (keep)-[n:REPORTS_TO]->(b)
  SET n = properties(r))
DELETE r
RETURN sum(CASE WHEN moves THEN 1 ELSE 0 END) AS n, sum(CASE WHEN moves THEN 0 ELSE 1 END) AS dropped
