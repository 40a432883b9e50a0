MATCH (u:User {id: $user_id}), (t:Team {id: $team_id})
MERGE (u)-[:MANAGES]->(t)
RETURN t.id AS team_id
