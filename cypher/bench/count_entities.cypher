MATCH (n)
WHERE n:Person OR n:Organisation OR n:User OR n:Team
RETURN count(n) AS total
