UNWIND $rows AS row
MATCH (p:Plan {id: row.plan_id})
MATCH (m:Person {id: row.person_id})
MERGE (p)-[pm:PLAN_MEMBER]->(m)
  ON CREATE SET pm = row.props
RETURN count(pm) AS merged
