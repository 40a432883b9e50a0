MATCH (n:Notification {user_id: $user})
RETURN n {.id, .at, .kind, .text, .message, .link, .read} AS notification
ORDER BY n.at DESC, n.id DESC
LIMIT $limit
