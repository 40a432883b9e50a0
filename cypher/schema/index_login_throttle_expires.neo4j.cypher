CREATE INDEX login_throttle_expires IF NOT EXISTS FOR (n:LoginThrottle) ON (n.expires_at)
