UNWIND $changes AS c
MATCH ()-[r:KNOWS {id: c.id}]->()
WHERE r.visibility = 'exclusive' AND r.review_asked_at IS NULL
SET r.review_asked_at = $now
RETURN r.id AS id
