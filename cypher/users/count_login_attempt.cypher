MERGE (t:LoginThrottle {key: $key})
SET t.touched_at = $now
WITH t, coalesce(t.window_start, 0) <= $window_start AS fresh
SET t.count = CASE WHEN fresh THEN 1 ELSE t.count + 1 END,
    t.window_start = CASE WHEN fresh THEN $now ELSE t.window_start END,
    t.expires_at = CASE WHEN fresh THEN $expires_at ELSE t.expires_at END
RETURN t.count AS count
