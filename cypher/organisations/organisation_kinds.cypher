MATCH (o:Organisation)
WHERE o.id IN $ids
RETURN o.id AS id, o.kind AS kind
