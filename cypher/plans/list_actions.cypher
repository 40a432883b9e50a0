MATCH (p:Plan {account_id: $account_id})-[:HAS_ACTION]->(a:PlanAction)
RETURN a {.id, .title, .owner, .due, .status, .member_id, .created_at, .created_by, .updated_at} AS action
ORDER BY coalesce(a.due, '9999-12-31'), a.created_at, a.id
