MATCH (g:AccessGrant {user_id: $user})
WHERE g.expires_at > $now
RETURN collect(DISTINCT g.person_id) AS ids, min(g.expires_at) AS until,
       collect(DISTINCT CASE WHEN g.granted_by IS NULL THEN g.person_id END) AS governed_ids,
       collect(DISTINCT CASE WHEN g.granted_by IS NOT NULL THEN [g.person_id, g.granted_by] END) AS granters
