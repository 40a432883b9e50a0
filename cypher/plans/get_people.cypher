UNWIND $ids AS pid
MATCH (p:Person {id: pid})
RETURN p.id AS id, p.name AS name, p.title AS title
