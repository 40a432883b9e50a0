MATCH (k:IdempotencyKey {key: $key})
WHERE k.claim = $claim AND k.state = 'running'
SET k.state = 'done', k.status = $status, k.body = $body, k.content_type = $content_type, k.lease_until = null
RETURN count(k) AS kept
