MATCH (:Person)-[w:WORKS_AT {import_batch: $batch}]->(:Organisation)
WITH w LIMIT $limit
DELETE w
RETURN count(*) AS n
