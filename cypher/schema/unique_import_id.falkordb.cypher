CREATE INDEX FOR (n:Import) ON (n.id)
