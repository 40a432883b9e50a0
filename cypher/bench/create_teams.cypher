UNWIND $rows AS row
CREATE (t:Team)
SET t = row
RETURN count(t) AS created
