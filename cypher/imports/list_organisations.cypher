MATCH (o:Organisation)
RETURN o.id AS id, o.name AS name, o.kind AS kind, o.sector AS sector, o.country AS country
