MATCH (:Person)-[w:WORKS_AT {ended_by_import: $batch}]->(:Organisation)
WITH w LIMIT $limit
SET w.end = null, w.ended_by_import = null
RETURN count(*) AS n
