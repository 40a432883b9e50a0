MATCH (p:Plan {account_id: $account_id})
MATCH (m:Person {id: $person_id})
MERGE (p)-[pm:PLAN_MEMBER]->(m)
  ON CREATE SET pm.added_at = $now, pm.added_by = $user_id
SET pm += $props
RETURN m.id AS person_id
