UNWIND $rows AS row
MATCH (o:Organisation {id: row.account_id})
MERGE (p:Plan {account_id: row.account_id})
  ON CREATE SET p = row
MERGE (p)-[:PLAN_FOR]->(o)
RETURN count(p) AS merged
