MATCH (u:User {id: $id})
SET u.password_hash = $password_hash, u.password_set_at = $now,
    u.auth_epoch = coalesce(u.auth_epoch, 0) + 1
WITH u
OPTIONAL MATCH (u)-[:HAS_TOKEN]->(k:ApiToken)
DETACH DELETE k
WITH DISTINCT u
RETURN u.id AS id
