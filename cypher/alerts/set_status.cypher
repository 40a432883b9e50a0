MATCH (x:Alert {id: $id})
WHERE x.user_id = $user
SET x.status = $status, x.snoozed_until = $until, x.answered_at = $now
RETURN x.id AS id, x.status AS status
