MERGE (i:Import {id: $id})
SET i += $props
RETURN i.id AS id
