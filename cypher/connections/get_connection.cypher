MATCH (:User {id: $user})-[:HAS_CONNECTION]->(c:Connection {id: $id})
RETURN c {.id, .kind, .url, .host, .port, .security, .username, .folders, .status, .last_sync, .error,
          .created_at, .secret, .state} AS connection
