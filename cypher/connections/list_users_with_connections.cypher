MATCH (u:User)-[:HAS_CONNECTION]->(:Connection)
WHERE u.active AND ($username IS NULL OR u.username = $username)
RETURN DISTINCT u.id AS user_id, u.username AS username
ORDER BY username
