MATCH (me:Person {id: $id})-[r:KNOWS]-(q:Person)
RETURN q.id AS other_id, r.id AS id, r.owner AS owner, r.strength AS strength, r.updated_at AS updated_at
