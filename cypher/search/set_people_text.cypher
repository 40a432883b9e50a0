UNWIND $rows AS row
MATCH (p:Person {id: row.id})
SET p.search_name = row.search_name, p.search_text = row.search_text
RETURN count(p) AS updated
