CREATE INDEX signal_email IF NOT EXISTS FOR (n:Signal) ON (n.email)
