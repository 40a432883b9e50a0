UNWIND $rows AS row
CREATE (n:Plan)
SET n = row
RETURN count(n) AS created
