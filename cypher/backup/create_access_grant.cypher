UNWIND $rows AS row
CREATE (n:AccessGrant)
SET n = row
RETURN count(n) AS created
