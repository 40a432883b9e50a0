MATCH (p:Person)
WHERE p.id IN $ids
OPTIONAL MATCH (p)-[w:WORKS_AT]->(o:Organisation)
WHERE w.end IS NULL
RETURN p.id AS id, p.name AS name, p.title AS title,
       collect(CASE WHEN o IS NULL THEN null ELSE {id: o.id, name: o.name} END) AS organisations
