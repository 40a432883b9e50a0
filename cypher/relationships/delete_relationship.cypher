MATCH (:Person)-[r:KNOWS {id: $id}]->(:Person)
DELETE r
RETURN count(*) AS deleted
