UNWIND $rows AS row
MATCH (p:Plan {id: row.plan_id})
MERGE (a:PlanAction {id: row.props.id})
  ON CREATE SET a = row.props
MERGE (p)-[:HAS_ACTION]->(a)
RETURN count(a) AS merged
