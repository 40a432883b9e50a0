UNWIND range(0, size($ids) - 1) AS i
MATCH (r:PolicyRule {id: $ids[i]})
WHERE coalesce(r.is_default, false) = false
SET r.position = i, r.updated_at = $now
RETURN count(r) AS moved
