MATCH (a:Person {id: $person_id})-[r:KNOWS]-(b:Person {id: $other_id})
RETURN r.id AS id, r.owner AS owner
ORDER BY r.id
