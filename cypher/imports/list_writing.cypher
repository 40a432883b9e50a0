MATCH (i:Import)
WHERE i.status = 'writing' AND coalesce(i.lease_until, 0) < $now
RETURN i.id AS id, i.format AS format, i.undo AS undo, i.content IS NOT NULL AS upload
