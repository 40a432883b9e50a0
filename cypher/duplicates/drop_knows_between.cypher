MATCH (keep:Person {id: $keep_id})-[r:KNOWS]-(drop:Person {id: $drop_id})
WITH r, r.id AS id
DELETE r
RETURN collect(id) AS ids
