MATCH (p:Plan {account_id: $account_id})-[:PLAN_MEMBER]->(a:Person)-[i:INFLUENCES]->(b:Person)
WHERE i.id = $id AND i.plan_id = p.id
WITH i, i.id AS id
DELETE i
RETURN id
