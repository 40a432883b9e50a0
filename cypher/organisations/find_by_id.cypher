MATCH (o:Organisation {id: $id})
RETURN o.id AS id, o.name AS name, o.kind AS kind, o.country AS country
