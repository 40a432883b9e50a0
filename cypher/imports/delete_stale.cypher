MATCH (i:Import)
WHERE i.status = 'pending' AND i.created_at < $before
DETACH DELETE i
RETURN count(*) AS n
