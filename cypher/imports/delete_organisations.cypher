MATCH (o:Organisation {import_batch: $batch})
WITH o LIMIT $limit
DETACH DELETE o
RETURN count(*) AS n
