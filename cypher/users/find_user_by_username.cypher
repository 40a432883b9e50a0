MATCH (u:User {username: $username})
RETURN u.id AS id
