CREATE (r:PolicyRule)
SET r = $rule
RETURN r.id AS id
