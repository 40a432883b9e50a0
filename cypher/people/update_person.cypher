MATCH (p:Person {id: $id})
SET p += $props
RETURN p.id AS id
