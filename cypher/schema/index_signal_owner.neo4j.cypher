CREATE INDEX signal_owner IF NOT EXISTS FOR (n:Signal) ON (n.owner)
