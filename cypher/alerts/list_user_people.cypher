MATCH (u:User)-[:IS_PERSON]->(p:Person)
RETURN u.id AS user_id, p.id AS person_id
