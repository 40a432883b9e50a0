MATCH (o:Organisation)
WHERE ($q IS NULL OR toLower(o.name) CONTAINS toLower($q)) AND ($kind IS NULL OR o.kind = $kind)
OPTIONAL MATCH (o)-[:PART_OF]->(parent:Organisation)
RETURN o.id AS id, o.name AS name, o.kind AS kind, o.sector AS sector, o.country AS country,
       parent.id AS parent_id, parent.name AS parent_name
ORDER BY toLower(o.name), o.id
SKIP $skip LIMIT $limit
