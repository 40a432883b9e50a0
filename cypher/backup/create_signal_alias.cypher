UNWIND $rows AS row
CREATE (n:SignalAlias)
SET n = row
RETURN count(n) AS created
