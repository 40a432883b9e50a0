MATCH (u:User {id: $id})
WHERE NOT $week IN coalesce(u.active_weeks, [])
SET u.active_weeks = coalesce(u.active_weeks, []) + [$week]
RETURN u.id AS id
