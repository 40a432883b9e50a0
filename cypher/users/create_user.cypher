CREATE (u:User)
SET u = $user
CREATE (p:Person)
SET p = $person
CREATE (u)-[:IS_PERSON]->(p)
RETURN u.id AS id
