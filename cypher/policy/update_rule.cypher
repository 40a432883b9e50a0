MATCH (r:PolicyRule {id: $id})
SET r += $props
RETURN r.id AS id
