CREATE INDEX FOR (n:Team) ON (n.name)
