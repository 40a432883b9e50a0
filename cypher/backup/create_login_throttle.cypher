UNWIND $rows AS row
CREATE (n:LoginThrottle)
SET n = row
RETURN count(n) AS created
