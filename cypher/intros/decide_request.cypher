MATCH (i:IntroRequest {id: $id})
SET i.locked_at = $now
WITH i
WHERE i.status = 'pending' AND i.owner = $owner
SET i.status = $status, i.decision_message = $message, i.decided_at = $now, i.updated_at = $now,
    i.grant_expires_at = CASE WHEN $status = 'accepted' THEN $expires ELSE null END
FOREACH (g IN CASE WHEN $status = 'accepted' THEN $grants ELSE [] END |
  CREATE (x:AccessGrant)
  SET x = g)
RETURN i.status AS status
