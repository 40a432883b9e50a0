UNWIND $rows AS row
CREATE (n:AuditEntry)
SET n = row
RETURN count(n) AS created
