MATCH (p:Plan {account_id: $account_id})-[:HAS_ACTION]->(a:PlanAction {id: $id})
RETURN a {.id, .title, .owner, .due, .status, .member_id, .created_at, .created_by, .updated_at} AS action
