UNWIND $ids AS id
MATCH (x:Person {id: id})-[r:KNOWS]-(c:Person)
WHERE r.strength >= $strength
RETURN id AS person, c.id AS colleague, r.visibility AS level, r.owner AS owner, r.strength AS strength
