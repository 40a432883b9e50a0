MATCH (p:Person)
WHERE p.search_text IS NULL
RETURN p.id AS id, p.name AS name, p.title AS title
LIMIT $limit
