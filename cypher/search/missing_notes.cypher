MATCH ()-[r:KNOWS]->()
WHERE r.search_text IS NULL
RETURN r.id AS id, r.notes AS notes, r.context AS context
LIMIT $limit
