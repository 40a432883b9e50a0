MATCH (p:Person {id: $id})
OPTIONAL MATCH (p)-[w:WORKS_AT]->(o:Organisation)
WHERE w.end IS NULL
WITH p, collect(CASE WHEN o IS NULL THEN null ELSE {id: o.id, name: o.name, title: w.title} END) AS current
OPTIONAL MATCH (p)-[:REPORTS_TO]->(boss:Person)
OPTIONAL MATCH (u:User)-[:IS_PERSON]->(p)
RETURN p {.id, .name, .title, .email, .phone, .notes, .email_by, .phone_by, .notes_by, .created_by, .created_at, .updated_at} AS person,
       current, boss.id AS reports_to, boss.name AS reports_to_name, u.id AS user_id
