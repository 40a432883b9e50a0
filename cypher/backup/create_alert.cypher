UNWIND $rows AS row
CREATE (n:Alert)
SET n = row
RETURN count(n) AS created
