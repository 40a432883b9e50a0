MATCH (r:Person)-[:REPORTS_TO]->(p:Person {id: $id})
RETURN r.id AS id, r.name AS name, r.title AS title
ORDER BY toLower(r.name)
