MATCH (p:Person)
WHERE p.id IN $ids
OPTIONAL MATCH (u:User)-[:IS_PERSON]->(p)
RETURN properties(p) AS person, u.id AS user_id
