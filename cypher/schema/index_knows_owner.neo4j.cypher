CREATE INDEX knows_owner IF NOT EXISTS FOR ()-[r:KNOWS]-() ON (r.owner)
