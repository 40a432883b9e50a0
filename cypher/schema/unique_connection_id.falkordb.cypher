CREATE INDEX FOR (n:Connection) ON (n.id)
