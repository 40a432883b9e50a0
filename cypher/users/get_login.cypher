MATCH (u:User {username: $username})
RETURN u.id AS id, u.password_hash AS password_hash, u.active AS active
