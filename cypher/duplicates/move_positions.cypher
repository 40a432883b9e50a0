MATCH (keep:Person {id: $keep_id})
MATCH (drop:Person {id: $drop_id})-[w:WORKS_AT]->(o:Organisation)
OPTIONAL MATCH (keep)-[twin:WORKS_AT]->(o)
WHERE w.end IS NULL AND twin.end IS NULL
WITH keep, w, o, collect(twin) AS twins
FOREACH (_ IN CASE WHEN size(twins) = 0 THEN [1] ELSE [] END |
  CREATE (keep)-[n:WORKS_AT]->(o)
  SET n = properties(w))
FOREACH (t IN twins |
  SET t.title = coalesce(t.title, w.title), t.department = coalesce(t.department, w.department),
      t.start = coalesce(t.start, w.start))
DELETE w
RETURN sum(CASE WHEN size(twins) = 0 THEN 1 ELSE 0 END) AS n, sum(size(twins)) AS folded
