MATCH (k:IdempotencyKey {key: $key})
WHERE k.claim = $claim AND k.state = 'running'
DETACH DELETE k
RETURN count(*) AS released
