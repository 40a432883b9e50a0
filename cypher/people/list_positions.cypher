MATCH (p:Person {id: $id})-[w:WORKS_AT]->(o:Organisation)
RETURN w.id AS id, o.id AS organisation_id, o.name AS organisation, w.title AS title,
       w.department AS department, w.start AS start, w.end AS end
ORDER BY coalesce(w.end, '9999') DESC, coalesce(w.start, '') DESC
