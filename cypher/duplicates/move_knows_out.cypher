MATCH (keep:Person {id: $keep_id})
MATCH (drop:Person {id: $drop_id})-[r:KNOWS]->(x:Person)
WHERE x <> keep AND x <> drop
CREATE (keep)-[n:KNOWS]->(x)
SET n = properties(r), n.pair = CASE WHEN keep.id < x.id THEN keep.id + '|' + x.id ELSE x.id + '|' + keep.id END
DELETE r
RETURN count(n) AS n
