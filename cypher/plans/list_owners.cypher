MATCH (u:User)
WHERE u.active IS NULL OR u.active = true
OPTIONAL MATCH (u)-[:IS_PERSON]->(p:Person)
RETURN u.id AS id, coalesce(u.name, u.username) AS name, u.username AS username, p.id AS person_id
ORDER BY toLower(coalesce(u.name, u.username)), u.id
