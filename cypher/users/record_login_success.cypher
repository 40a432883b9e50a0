MATCH (u:User {id: $id})
SET u.last_login_at = $now,
    u.active_weeks = CASE WHEN $week IN coalesce(u.active_weeks, []) THEN u.active_weeks
                          ELSE coalesce(u.active_weeks, []) + [$week] END
RETURN u.id AS id
