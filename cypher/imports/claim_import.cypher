MATCH (i:Import {id: $id})
WHERE i.status = $expected
SET i.status = $status, i.started_at = $now
RETURN i.id AS id
