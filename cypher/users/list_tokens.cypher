MATCH (:User {id: $user_id})-[:HAS_TOKEN]->(k:ApiToken)
WHERE k.expires_at > $now
RETURN k {.id, .created_at, .expires_at, .label} AS token
ORDER BY k.created_at DESC, k.id
