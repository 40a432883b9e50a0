MATCH (c:Organisation)-[:PART_OF]->(o:Organisation {id: $id})
RETURN c.id AS id, c.name AS name, c.kind AS kind
ORDER BY toLower(c.name)
