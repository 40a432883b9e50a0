MATCH (n:Notification {user_id: $user})
WHERE ($id IS NULL OR n.id = $id) AND coalesce(n.read, false) = false
SET n.read = true, n.read_at = $now
RETURN count(n) AS marked
