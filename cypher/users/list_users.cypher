MATCH (u:User)
OPTIONAL MATCH (u)-[:MEMBER_OF]->(t:Team)
OPTIONAL MATCH (u)-[:IS_PERSON]->(p:Person)
RETURN u.id AS id, u.username AS username, u.role AS role, u.name AS name, u.active AS active,
       t.id AS team_id, t.name AS team, p.id AS person_id
ORDER BY username
