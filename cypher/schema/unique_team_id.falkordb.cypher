CREATE INDEX FOR (n:Team) ON (n.id)
