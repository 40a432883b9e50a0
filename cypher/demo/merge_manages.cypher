UNWIND $rows AS row
MATCH (u:User {id: row.user_id})
MATCH (t:Team {name: row.team})
MERGE (u)-[:MANAGES]->(t)
RETURN count(u) AS merged
