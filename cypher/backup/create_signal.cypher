UNWIND $rows AS row
CREATE (n:Signal)
SET n = row
RETURN count(n) AS created
