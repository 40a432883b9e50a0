MATCH (:Person)-[r:KNOWS {import_batch: $batch}]->(:Person)
WITH r LIMIT $limit
DELETE r
RETURN count(*) AS n
