MATCH (p:Person)
WHERE p.id IN $ids
RETURN p.id AS id
