UNWIND $org_ids AS org_id
MATCH (o:Organisation {id: org_id})<-[w:WORKS_AT]-(p:Person)
WHERE w.end IS NULL
OPTIONAL MATCH (p)-[:REPORTS_TO]->(b:Person)
RETURN p.id AS id, p.name AS name, coalesce(w.title, p.title) AS title, o.id AS organisation_id,
       o.name AS organisation, b.id AS reports_to
ORDER BY toLower(p.name), p.id
