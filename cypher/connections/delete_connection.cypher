MATCH (:User {id: $user})-[:HAS_CONNECTION]->(c:Connection {id: $id})
DETACH DELETE c
RETURN count(*) AS deleted
