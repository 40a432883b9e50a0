MATCH (t:LoginThrottle {key: $key})
SET t.count = CASE WHEN t.count > 0 THEN t.count - 1 ELSE 0 END
RETURN t.count AS count
