MATCH (u:User {id: $user})
CREATE (u)-[:HAS_CONNECTION]->(c:Connection {id: $id, kind: $kind, url: $url, host: $host, port: $port,
  security: $security, username: $username, folders: $folders, secret: $secret, status: 'new',
  last_sync: null, state: '{}', created_at: $now})
RETURN c.id AS id
