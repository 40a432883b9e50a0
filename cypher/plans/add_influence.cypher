MATCH (p:Plan {account_id: $account_id})-[:PLAN_MEMBER]->(a:Person {id: $from_id})
MATCH (p)-[:PLAN_MEMBER]->(b:Person {id: $to_id})
WHERE a <> b AND NOT (a)-[:INFLUENCES {plan_id: p.id}]->(b)
CREATE (a)-[i:INFLUENCES]->(b)
SET i = $line, i.plan_id = p.id
RETURN i.id AS id
