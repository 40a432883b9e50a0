MATCH (s:Signal {owner: $owner})
WHERE s.source_id = $source_id
WITH s LIMIT $limit
DETACH DELETE s
RETURN count(*) AS n
