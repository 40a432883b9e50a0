UNWIND $rows AS row
CREATE (n:Organisation)
SET n = row
RETURN count(n) AS created
