UNWIND $rows AS row
CREATE (p:Person)
SET p = row
RETURN count(p) AS n
