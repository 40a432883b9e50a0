SHOW FULLTEXT INDEXES YIELD labelsOrTypes, properties, state
WHERE 'search_text' IN properties
RETURN labelsOrTypes[0] AS label, state = 'ONLINE' AS ready
