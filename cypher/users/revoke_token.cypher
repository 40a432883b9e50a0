MATCH (:User {id: $user_id})-[:HAS_TOKEN]->(k:ApiToken {id: $id})
DETACH DELETE k
RETURN count(*) AS revoked
