MATCH (p:Person)
WHERE toLower(p.name) = toLower($wanted)
OPTIONAL MATCH (p)-[w:WORKS_AT]->(o:Organisation)
WHERE w.end IS NULL
WITH p, collect(o.name) AS orgs
RETURN p.id AS id, p.name AS name, orgs[0] AS organisation
ORDER BY p.id
LIMIT $limit
