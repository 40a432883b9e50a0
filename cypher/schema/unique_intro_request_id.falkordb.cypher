CREATE INDEX FOR (n:IntroRequest) ON (n.id)
