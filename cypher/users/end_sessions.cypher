MATCH (u:User {id: $id})
SET u.auth_epoch = coalesce(u.auth_epoch, 0) + 1
RETURN u.id AS id
