MATCH (g:AccessGrant {user_id: $user})
WHERE g.expires_at > $now
RETURN g {.id, .person_id, .person_name, .event_id, .event_name, .nomination_id, .created_at, .expires_at,
         .source, .intro_id} AS grant
ORDER BY g.expires_at
