CREATE INDEX FOR (n:Alert) ON (n.id)
