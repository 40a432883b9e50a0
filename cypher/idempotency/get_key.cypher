MATCH (k:IdempotencyKey {key: $key})
WHERE k.expires_at > $now
RETURN k.fingerprint AS fingerprint, k.state AS state, k.lease_until AS lease_until,
       k.status AS status, k.body AS body, k.content_type AS content_type
