UNWIND $rows AS row
CREATE (n:Notification)
SET n = row
RETURN count(n) AS created
