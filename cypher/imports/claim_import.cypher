MATCH (i:Import {id: $id})
WHERE i.status = $expected
SET i.status = $status, i.started_at = $now, i.lease_until = $until
RETURN i.id AS id
