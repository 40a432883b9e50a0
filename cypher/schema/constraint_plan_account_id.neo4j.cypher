CREATE CONSTRAINT plan_account_id IF NOT EXISTS FOR (n:Plan) REQUIRE n.account_id IS UNIQUE
