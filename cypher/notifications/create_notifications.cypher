UNWIND $items AS item
CREATE (n:Notification)
SET n = item
RETURN count(n) AS created
