MATCH (i:Import {id: $id})
WHERE i.status = 'writing'
SET i.lease_until = $until
RETURN i.id AS id
