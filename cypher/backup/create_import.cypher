UNWIND $rows AS row
CREATE (n:Import)
SET n = row
RETURN count(n) AS created
