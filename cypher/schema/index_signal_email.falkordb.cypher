CREATE INDEX FOR (n:Signal) ON (n.email)
