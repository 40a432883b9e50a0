UNWIND $rows AS row
MATCH (o:Organisation {id: row.id})
SET o.search_name = row.search_name, o.search_text = row.search_text
RETURN count(o) AS updated
