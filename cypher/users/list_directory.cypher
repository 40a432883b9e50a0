MATCH (u:User)
OPTIONAL MATCH (u)-[:MEMBER_OF]->(t:Team)
RETURN u.id AS id, coalesce(u.name, u.username) AS name, t.id AS team_id
