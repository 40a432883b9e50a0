CREATE INDEX FOR (n:LoginThrottle) ON (n.key)
