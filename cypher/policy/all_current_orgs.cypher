MATCH (p:Person)-[w:WORKS_AT]->(o:Organisation)
WHERE w.end IS NULL
RETURN p.id AS person_id, o.kind AS kind, o.sector AS sector, o.country AS country
