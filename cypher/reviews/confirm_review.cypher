MATCH ()-[r:KNOWS {id: $id}]->()
WHERE r.visibility = 'exclusive' AND r.review_asked_at = $asked_at AND r.owner = $owner
SET r.review_asked_at = null, r.review_confirmed_at = $now
RETURN r.id AS id
