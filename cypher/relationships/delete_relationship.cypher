MATCH ()-[r:KNOWS {id: $id}]->()
DELETE r
RETURN count(*) AS deleted
