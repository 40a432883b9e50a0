UNWIND $rows AS row
CREATE (n:Team)
SET n = row
RETURN count(n) AS created
