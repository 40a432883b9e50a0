MATCH (p:Plan {account_id: $account_id})
CREATE (a:PlanAction)
SET a = $action
CREATE (p)-[:HAS_ACTION]->(a)
RETURN a.id AS id
