MATCH (n:Nomination {id: $id})
SET n.locked_at = $now
WITH n, n.outcome AS before
WHERE n.status = 'approved'
SET n.outcome = $outcome, n.feedback = $feedback, n.outcome_by = $user, n.outcome_at = $now,
    n.outcome_owners = $owners, n.updated_at = $now
RETURN before
