MATCH (u:User {id: $user_id})-[m:MANAGES]->(t:Team {id: $team_id})
DELETE m
RETURN t.id AS team_id
