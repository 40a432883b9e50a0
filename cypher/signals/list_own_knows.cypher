MATCH (me:Person {id: $person_id})-[r:KNOWS]-(p:Person)
WHERE r.owner = $owner
RETURN p.id AS person_id, p.name AS name, r.id AS id, r.strength AS strength, r.last_contact AS last_contact
ORDER BY r.id
