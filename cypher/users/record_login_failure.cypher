MATCH (u:User {username: $username})
SET u.failed_logins = CASE WHEN coalesce(u.last_failed_at, 0) < $window_start THEN 1
                           ELSE coalesce(u.failed_logins, 0) + 1 END,
    u.last_failed_at = $now
RETURN u.failed_logins AS failed_logins
