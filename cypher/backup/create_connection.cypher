UNWIND $rows AS row
CREATE (n:Connection)
SET n = row
RETURN count(n) AS created
