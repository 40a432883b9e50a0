MERGE (r:PolicyRule {is_default: true})
ON CREATE SET r.id = $id, r.name = $rule_name, r.outcome = $outcome, r.mode = $mode, r.reason = $reason,
              r.position = $position, r.created_at = $now, r.updated_at = $now
RETURN r.id AS id
