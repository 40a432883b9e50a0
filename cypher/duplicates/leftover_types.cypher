MATCH (drop:Person {id: $drop_id})-[r]-()
RETURN DISTINCT type(r) AS type
