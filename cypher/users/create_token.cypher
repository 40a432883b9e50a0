MATCH (u:User {id: $user_id})
CREATE (u)-[:HAS_TOKEN]->(k:ApiToken)
SET k = $token
RETURN k.id AS id
