MATCH (g:AccessGrant)
WHERE g.expires_at <= $now AND coalesce(g.expired, false) = false
SET g.expired = true
RETURN g {.id, .person_id, .person_name, .user_id, .event_id, .event_name, .nomination_id, .expires_at, .source,
         .intro_id} AS grant
