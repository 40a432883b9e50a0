MATCH (u:User)
WHERE u.id IN $ids AND coalesce(u.active, true) = true
OPTIONAL MATCH (u)-[:IS_PERSON]->(p:Person)
RETURN u.id AS id, coalesce(u.name, u.username) AS name, p.email AS email, u.lang AS lang
