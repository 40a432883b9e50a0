CREATE (n:Nomination)
SET n = $nomination
RETURN n.id AS id
