MATCH (u:User {id: $id})
SET u += $props
RETURN u.id AS id
