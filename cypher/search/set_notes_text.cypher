UNWIND $rows AS row
MATCH ()-[r:KNOWS {id: row.id}]->()
SET r.search_text = row.search_text
RETURN count(r) AS updated
