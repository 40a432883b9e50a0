CREATE INDEX FOR (n:Plan) ON (n.id)
