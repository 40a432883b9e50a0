CREATE INDEX idempotency_key_expires IF NOT EXISTS FOR (n:IdempotencyKey) ON (n.expires_at)
