CREATE INDEX FOR (n:ApiToken) ON (n.id)
