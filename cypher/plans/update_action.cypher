MATCH (p:Plan {account_id: $account_id})-[:HAS_ACTION]->(a:PlanAction {id: $id})
SET a += $props
RETURN a.id AS id
