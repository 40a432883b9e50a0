MATCH (u:User {id: $id})
SET u.lang = $lang
RETURN u.id AS id
