MATCH (i:Import {id: $id})
WHERE i.status = 'pending'
DETACH DELETE i
RETURN count(*) AS n
