UNWIND $rows AS row
MATCH (p:Person {id: row.person_id})
CREATE (u:User)
SET u = row.user
CREATE (u)-[:IS_PERSON]->(p)
RETURN count(u) AS created
