UNWIND $changes AS c
MATCH ()-[r:KNOWS {id: c.id}]->()
WHERE r.visibility = c.from AND r.visibility <> 'private'
SET r.visibility = c.to, r.policy_rule_id = c.rule_id, r.visibility_source = 'policy', r.updated_at = $now
RETURN r.id AS id
