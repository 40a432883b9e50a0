UNWIND $rows AS row
CREATE (n:ApiToken)
SET n = row
RETURN count(n) AS created
