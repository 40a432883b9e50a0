UNWIND $rows AS row
MATCH (a:Plan {id: row.from_id})
MATCH (b:Person {id: row.to_id})
CREATE (a)-[r:PLAN_MEMBER]->(b)
SET r = row.props
RETURN count(r) AS created
