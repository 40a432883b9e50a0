MATCH (o:Organisation)
WHERE o.search_text IS NULL
RETURN o.id AS id, o.name AS name, o.sector AS sector, o.country AS country
LIMIT $limit
