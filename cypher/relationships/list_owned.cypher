MATCH (a)-[r:KNOWS {owner: $owner}]->(b)
RETURN r {.id, .strength, .context, .since, .last_contact, .notes, .visibility, .owner, .created_at, .updated_at} AS rel,
       a.id AS person_id, a.name AS person_name, b.id AS other_id, b.name AS other_name
ORDER BY toLower(b.name), r.id
