MATCH (t:LoginThrottle)
WHERE t.expires_at < $now
WITH t LIMIT $limit
DELETE t
RETURN count(*) AS pruned
