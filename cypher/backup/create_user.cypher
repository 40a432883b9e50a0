UNWIND $rows AS row
CREATE (n:User)
SET n = row
RETURN count(n) AS created
