MATCH (i:Import)
WHERE i.status = 'writing' AND i.started_at < $before
RETURN i.id AS id, i.format AS format, i.undo AS undo
