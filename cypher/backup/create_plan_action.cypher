UNWIND $rows AS row
CREATE (n:PlanAction)
SET n = row
RETURN count(n) AS created
