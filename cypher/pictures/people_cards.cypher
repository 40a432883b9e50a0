MATCH (p:Person)
WHERE p.id IN $ids
OPTIONAL MATCH (p)-[w:WORKS_AT]->(o:Organisation)
WHERE w.end IS NULL
WITH p, collect(CASE WHEN o IS NULL THEN null ELSE {id: o.id, name: o.name, title: w.title} END) AS current
OPTIONAL MATCH (u:User)-[:IS_PERSON]->(p)
RETURN p.id AS id, p.name AS name, p.title AS title, current, u.id AS user_id
