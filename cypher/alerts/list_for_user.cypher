MATCH (x:Alert {user_id: $user})
WHERE x.status = 'open' OR (x.status = 'snoozed' AND x.snoozed_until <= $now)
RETURN x {.id, .rule, .text, .message, .link, .created_at} AS alert
ORDER BY x.created_at DESC, x.id
LIMIT $limit
