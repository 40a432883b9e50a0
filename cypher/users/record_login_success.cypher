MATCH (u:User {id: $id})
SET u.failed_logins = 0, u.last_login_at = $now
RETURN u.id AS id
