MATCH (x:Alert {id: $id})
WHERE x.user_id = $user
RETURN x {.id, .rule, .text, .link, .status, .created_at, .snoozed_until} AS alert
