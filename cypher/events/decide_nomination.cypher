MATCH (n:Nomination {id: $id})
SET n.locked_at = $now
WITH n
WHERE n.status = 'pending_manager'
MATCH (e:Event {id: n.event_id})
SET e.locked_at = $now
WITH n, e
OPTIONAL MATCH (o:Nomination {event_id: e.id, status: 'approved'})
WITH n, e, count(o) AS taken
WHERE $status = 'rejected' OR e.capacity IS NULL OR taken < e.capacity
SET n.status = $status, n.decided_by = $user, n.decision_reason = $reason, n.decided_at = $now, n.updated_at = $now
FOREACH (g IN CASE WHEN $status = 'approved' THEN $grants ELSE [] END |
  CREATE (x:AccessGrant)
  SET x = g)
RETURN n.status AS status
