MATCH (p:Person {import_batch: $batch})
WITH p LIMIT $limit
DETACH DELETE p
RETURN count(*) AS n
