UNWIND $rows AS row
CREATE (n:Nomination)
SET n = row
RETURN count(n) AS created
