MATCH (p:Person)
OPTIONAL MATCH (p)-[w:WORKS_AT]->(o:Organisation)
WHERE w.end IS NULL
WITH p, collect(CASE WHEN o IS NULL THEN null ELSE {id: o.id, name: o.name, title: w.title} END) AS current
OPTIONAL MATCH (u:User)-[:IS_PERSON]->(p)
RETURN p.id AS id, p.name AS name, p.title AS title, p.email AS email, p.phone AS phone,
       p.notes IS NOT NULL AS has_notes, p.email_by AS email_by, p.phone_by AS phone_by,
       p.notes_by AS notes_by, p.linkedin AS linkedin, p.created_by AS created_by,
       p.created_at AS created_at, p.updated_at AS updated_at, current, u.id AS user_id
