MATCH (d:SignalDecision {owner: $owner})
RETURN d.suggestion_id AS suggestion_id, d.decision AS decision
