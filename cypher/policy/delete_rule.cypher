MATCH (r:PolicyRule {id: $id})
WHERE coalesce(r.is_default, false) = false
WITH r, r.id AS id
DELETE r
RETURN id
