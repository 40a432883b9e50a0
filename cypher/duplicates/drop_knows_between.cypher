MATCH (keep:Person {id: $keep_id})-[r:KNOWS]-(drop:Person {id: $drop_id})
DELETE r
RETURN count(*) AS n
