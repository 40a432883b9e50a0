CREATE INDEX FOR (n:IdempotencyKey) ON (n.expires_at)
