MATCH (o:Organisation {id: $account_id})
MERGE (p:Plan {account_id: $account_id})
  ON CREATE SET p.id = $id, p.status = 'draft', p.created_at = $now, p.created_by = $user_id
MERGE (p)-[:PLAN_FOR]->(o)
RETURN p.id AS id
