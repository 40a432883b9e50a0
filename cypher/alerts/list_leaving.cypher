MATCH (m:Person)-[w:WORKS_AT]->(o:Organisation)
WHERE (w.end IS NOT NULL AND w.end >= $today AND w.end <= $horizon)
   OR (w.end IS NULL AND w.leaving = true)
WITH m, w, o
WHERE $person_ids IS NULL OR m.id IN $person_ids
OPTIONAL MATCH (m)-[r:KNOWS]-(:Person)
WITH m, w, o, collect(DISTINCT r.owner) AS owners
OPTIONAL MATCH (p:Plan)-[:PLAN_MEMBER]->(m)
RETURN m.id AS person_id, m.name AS name, coalesce(w.title, m.title) AS title, w.end AS end,
       o.id AS organisation_id, o.name AS organisation_name, owners, collect(DISTINCT p.id) AS plan_ids
ORDER BY person_id, organisation_id
