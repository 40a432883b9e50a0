OPTIONAL MATCH (old:SignalDecision {key: $decision.key})
WITH old
WHERE old IS NULL
CREATE (d:SignalDecision)
SET d = $decision
RETURN count(d) AS created
