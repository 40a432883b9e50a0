MATCH (u:User)
WHERE coalesce(u.active, true) = true
OPTIONAL MATCH (u)-[:MEMBER_OF]->(t:Team)
OPTIONAL MATCH (u)-[:MANAGES]->(mt:Team)
RETURN u.id AS id, coalesce(u.name, u.username) AS name, u.role AS role, t.id AS team_id,
       coalesce(u.active_weeks, []) AS active_weeks, collect(DISTINCT mt.id) AS managed
