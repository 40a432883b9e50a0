CALL db.indexes() YIELD label, types, status
WITH label, types, status
WHERE 'FULLTEXT' IN coalesce(types.search_text, [])
RETURN label, status = 'OPERATIONAL' AS ready
