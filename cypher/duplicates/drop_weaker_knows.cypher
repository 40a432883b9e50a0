MATCH (keep:Person {id: $keep_id})-[k:KNOWS]-(x:Person)-[d:KNOWS]-(drop:Person {id: $drop_id})
WHERE x <> keep AND x <> drop AND k <> d
WITH k, d, CASE WHEN coalesce(d.strength, 0) > coalesce(k.strength, 0) THEN k ELSE d END AS weaker
WITH DISTINCT weaker
DELETE weaker
RETURN count(*) AS n
