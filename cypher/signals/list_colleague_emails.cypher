MATCH (u:User)-[:IS_PERSON]->(p:Person)
WHERE p.email IS NOT NULL
RETURN u.id AS user_id, toLower(p.email) AS email
