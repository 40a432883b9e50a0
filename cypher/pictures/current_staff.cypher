MATCH (p:Person)-[w:WORKS_AT]->(o:Organisation)
WHERE o.id IN $org_ids AND w.end IS NULL
RETURN p.id AS id, p.name AS name, coalesce(w.title, p.title) AS title, w.department AS department,
       o.id AS organisation_id
ORDER BY toLower(p.name), p.id, o.id
LIMIT $limit
