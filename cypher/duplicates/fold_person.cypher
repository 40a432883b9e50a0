MATCH (k:Person {id: $keep_id})
SET k += $props
RETURN k.id AS id
