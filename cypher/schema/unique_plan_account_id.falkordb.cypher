CREATE INDEX FOR (n:Plan) ON (n.account_id)
