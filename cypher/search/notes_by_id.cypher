UNWIND $ids AS wanted
MATCH ()-[r:KNOWS {id: wanted}]->()
WITH r, startNode(r) AS a, endNode(r) AS b
RETURN r {.id, .strength, .context, .since, .last_contact, .notes, .visibility, .owner, .created_at, .updated_at} AS rel,
       a.id AS person_id, a.name AS person_name, b.id AS other_id, b.name AS other_name
