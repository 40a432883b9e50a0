MATCH (p:Person)
OPTIONAL MATCH (p)-[w:WORKS_AT]->(o:Organisation)
WHERE w.end IS NULL
WITH p, collect(o.name) AS orgs, collect(o.id) AS org_ids
WHERE $q IS NULL OR toLower(p.name) CONTAINS toLower($q)
   OR any(n IN orgs WHERE toLower(n) CONTAINS toLower($q))
RETURN p.id AS id, p.name AS name, p.title AS title, orgs[0] AS organisation, org_ids[0] AS organisation_id
ORDER BY toLower(p.name), p.id
SKIP $skip LIMIT $limit
