UNWIND $rows AS row
CREATE (n:Person)
SET n = row
RETURN count(n) AS created
