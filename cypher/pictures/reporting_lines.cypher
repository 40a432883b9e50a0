MATCH (a:Person)-[:REPORTS_TO]->(b:Person)
WHERE a.id IN $ids AND b.id IN $ids
RETURN a.id AS person_id, b.id AS boss_id
ORDER BY a.id, b.id
