UNWIND $rows AS row
CREATE (n:IntroRequest)
SET n = row
RETURN count(n) AS created
