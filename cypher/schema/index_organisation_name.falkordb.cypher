CREATE INDEX FOR (n:Organisation) ON (n.name)
