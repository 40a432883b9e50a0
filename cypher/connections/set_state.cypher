MATCH (:User {id: $user})-[:HAS_CONNECTION]->(c:Connection {id: $id})
SET c.state = $state, c.status = $status
RETURN c.id AS id
