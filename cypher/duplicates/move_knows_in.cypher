MATCH (keep:Person {id: $keep_id})
MATCH (x:Person)-[r:KNOWS]->(drop:Person {id: $drop_id})
WHERE x <> keep AND x <> drop
CREATE (x)-[n:KNOWS]->(keep)
SET n = properties(r), n.pair = CASE WHEN keep.id < x.id THEN keep.id + '|' + x.id ELSE x.id + '|' + keep.id END
DELETE r
RETURN count(n) AS n
