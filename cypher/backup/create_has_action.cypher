UNWIND $rows AS row
MATCH (a:Plan {id: row.from_id})
MATCH (b:PlanAction {id: row.to_id})
CREATE (a)-[r:HAS_ACTION]->(b)
SET r = row.props
RETURN count(r) AS created
