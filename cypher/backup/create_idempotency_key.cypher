UNWIND $rows AS row
CREATE (n:IdempotencyKey)
SET n = row
RETURN count(n) AS created
