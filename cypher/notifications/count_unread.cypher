MATCH (n:Notification {user_id: $user})
WHERE coalesce(n.read, false) = false
RETURN count(n) AS unread
