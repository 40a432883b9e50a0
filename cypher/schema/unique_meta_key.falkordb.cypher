CREATE INDEX FOR (n:Meta) ON (n.key)
