MATCH (:User {id: $user})-[:HAS_CONNECTION]->(c:Connection)
RETURN c {.id, .kind, .url, .host, .port, .security, .username, .folders, .status, .last_sync, .error,
          .created_at} AS connection
ORDER BY c.created_at, c.id
