CREATE CONSTRAINT idempotency_key_key IF NOT EXISTS FOR (n:IdempotencyKey) REQUIRE n.key IS UNIQUE
