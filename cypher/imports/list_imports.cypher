MATCH (i:Import {owner: $owner})
RETURN i {.id, .filename, .format, .status, .created_at, .committed_at, .summary, .error} AS import
ORDER BY i.created_at DESC
LIMIT $limit
