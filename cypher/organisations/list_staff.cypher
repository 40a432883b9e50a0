MATCH (p:Person)-[w:WORKS_AT]->(o:Organisation {id: $id})
WHERE w.end IS NULL
OPTIONAL MATCH (p)-[:REPORTS_TO]->(boss:Person)
RETURN p.id AS id, p.name AS name, coalesce(w.title, p.title) AS title, w.department AS department,
       boss.id AS reports_to
ORDER BY toLower(p.name), p.id
