MATCH (p:Plan {account_id: $account_id})-[:HAS_ACTION]->(a:PlanAction {id: $id})
WITH a, a.id AS id
DETACH DELETE a
RETURN id
