MATCH (u:User {username: $username})
RETURN u.id AS id, u.password_hash AS password_hash, u.active AS active,
       u.failed_logins AS failed_logins, u.last_failed_at AS last_failed_at
