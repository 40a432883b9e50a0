MATCH (n:Nomination {id: $id})
SET n.locked_at = $now
WITH n
WHERE n.status = 'pending_owner' AND $user IN n.pending_owners
WITH n, [x IN n.pending_owners WHERE x <> $user] AS rest
SET n.pending_owners = rest,
    n.consented = coalesce(n.consented, []) + [$user],
    n.status = CASE WHEN size(rest) = 0 THEN 'pending_manager' ELSE 'pending_owner' END,
    n.updated_at = $now
RETURN n.status AS status
