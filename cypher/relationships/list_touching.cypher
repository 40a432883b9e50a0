MATCH (p:Person {id: $id})-[r:KNOWS]-(q:Person)
RETURN r {.id, .strength, .context, .since, .last_contact, .notes, .visibility, .owner, .created_at, .updated_at} AS rel,
       p.id AS person_id, p.name AS person_name, q.id AS other_id, q.name AS other_name, q.title AS other_title,
       startNode(r).id = p.id AS outgoing
ORDER BY toLower(q.name), r.id
