CREATE INDEX FOR (n:LoginThrottle) ON (n.expires_at)
