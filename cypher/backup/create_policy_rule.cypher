UNWIND $rows AS row
CREATE (n:PolicyRule)
SET n = row
RETURN count(n) AS created
