MATCH (n:Nomination {id: $id})
SET n.locked_at = $now
WITH n
WHERE n.status = 'pending_owner' AND $user IN n.pending_owners
SET n.status = 'rejected', n.refused_by = $user, n.decided_by = $user, n.decision_reason = $reason,
    n.decided_at = $now, n.updated_at = $now
RETURN n.status AS status
