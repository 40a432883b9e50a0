MATCH (u:User)-[:IS_PERSON]->(p:Person)
OPTIONAL MATCH (u)-[:MEMBER_OF]->(t:Team)
RETURN u.id AS user_id, u.username AS username, u.role AS role, t.id AS team_id, t.name AS team,
       p.id AS person_id
ORDER BY username
