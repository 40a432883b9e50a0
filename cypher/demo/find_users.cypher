MATCH (u:User)
WHERE u.username IN $usernames
RETURN u.id AS id, u.username AS username
