UNWIND $changes AS c
MATCH ()-[r:KNOWS {id: c.id}]->()
WHERE r.review_asked_at = c.asked_at
SET r.review_asked_at = null
RETURN r.id AS id
