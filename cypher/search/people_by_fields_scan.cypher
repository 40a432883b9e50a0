MATCH (p:Person)
WITH p, all(t IN $terms WHERE (' ' + p.search_text) CONTAINS (' ' + t)) AS hit
WHERE hit
WITH p, CASE WHEN p.search_name = $phrase THEN 0
             WHEN p.search_name STARTS WITH $phrase THEN 1
             WHEN all(t IN $terms WHERE (' ' + p.search_name) CONTAINS (' ' + t)) THEN 2
             ELSE 3 END AS rank
ORDER BY rank, p.search_name, p.id
LIMIT $limit
OPTIONAL MATCH (p)-[w:WORKS_AT]->(o:Organisation)
WHERE w.end IS NULL
WITH p, rank, collect(o.name) AS orgs, collect(o.id) AS org_ids
RETURN p.id AS id, p.name AS name, p.title AS title, orgs[0] AS organisation, org_ids[0] AS organisation_id,
       p.search_name AS search_name, rank
ORDER BY rank, search_name, id
