UNWIND $entries AS e
CREATE (a:AuditEntry)
SET a = e
RETURN count(a) AS created
