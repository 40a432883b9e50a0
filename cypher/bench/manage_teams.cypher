UNWIND $rows AS row
MATCH (u:User {id: row.user_id}), (t:Team {id: row.team_id})
CREATE (u)-[:MANAGES]->(t)
RETURN count(*) AS created
