MATCH (p:Plan {account_id: $account_id})-[:PLAN_MEMBER]->(a:Person)-[i:INFLUENCES]->(b:Person)
WHERE i.plan_id = p.id
RETURN i.id AS id, a.id AS from_id, b.id AS to_id, i.created_at AS created_at
ORDER BY i.created_at, i.id
