CREATE INDEX FOR (n:IdempotencyKey) ON (n.key)
