CREATE INDEX FOR (n:Organisation) ON (n.id)
