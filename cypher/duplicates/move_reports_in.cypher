MATCH (keep:Person {id: $keep_id})
MATCH (x:Person)-[r:REPORTS_TO]->(drop:Person {id: $drop_id})
OPTIONAL MATCH (x)-[twin:REPORTS_TO]->(keep)
WITH keep, x, r, count(twin) AS twins
WITH keep, x, r, twins = 0 AND x <> keep AS moves
FOREACH (_ IN CASE WHEN moves THEN [1] ELSE [] END |
  CREATE (x)-[n:REPORTS_TO]->(keep)
  SET n = properties(r))
DELETE r
RETURN sum(CASE WHEN moves THEN 1 ELSE 0 END) AS n, sum(CASE WHEN moves THEN 0 ELSE 1 END) AS dropped
