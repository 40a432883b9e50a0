UNWIND $changes AS c
MATCH ()-[r:KNOWS {id: c.id}]->()
WHERE r.visibility = 'exclusive' AND r.review_asked_at = c.asked_at AND r.owner = c.owner
SET r.visibility = 'team', r.visibility_source = 'review', r.review_asked_at = null, r.review_released_at = $now,
    r.updated_at = $now
RETURN r.id AS id
