MATCH (g:AccessGrant)
WHERE g.expires_at <= $now AND coalesce(g.expired, false) = false
RETURN g.id AS id
LIMIT 1
