UNWIND $rows AS row
CREATE (n:SignalDecision)
SET n = row
RETURN count(n) AS created
