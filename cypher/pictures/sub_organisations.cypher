MATCH (root:Organisation {id: $id})
MATCH (c:Organisation)-[:PART_OF*1..6]->(root)
WITH DISTINCT c
MATCH (c)-[:PART_OF]->(parent:Organisation)
RETURN c.id AS id, c.name AS name, c.kind AS kind, parent.id AS parent_id
ORDER BY toLower(c.name), c.id
