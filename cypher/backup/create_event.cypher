UNWIND $rows AS row
CREATE (n:Event)
SET n = row
RETURN count(n) AS created
