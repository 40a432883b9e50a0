MATCH (:User {id: $user})-[:HAS_CONNECTION]->(c:Connection {id: $id})
SET c.status = $status, c.error = $error, c.last_sync = CASE WHEN $status IN ['ok', 'partial'] THEN $now ELSE c.last_sync END
RETURN c.id AS id, c.status AS status, c.last_sync AS last_sync
