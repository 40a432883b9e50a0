CREATE INDEX FOR ()-[r:KNOWS]-() ON (r.owner)
