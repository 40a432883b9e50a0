MATCH (o:Organisation)
WHERE toLower(o.name) = toLower($wanted)
RETURN o.id AS id, o.name AS name, o.kind AS kind, o.country AS country
ORDER BY o.id
LIMIT $limit
