UNWIND $rows AS row
CREATE (o:Organisation)
SET o = row
RETURN count(o) AS n
