MATCH (g:AccessGrant {user_id: $user})
WHERE g.expires_at > $now
RETURN collect(DISTINCT g.person_id) AS ids, min(g.expires_at) AS until
