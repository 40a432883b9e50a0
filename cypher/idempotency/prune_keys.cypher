MATCH (k:IdempotencyKey)
WHERE k.expires_at <= $now
WITH k LIMIT $limit
DETACH DELETE k
RETURN count(*) AS pruned
