UNWIND $rows AS row
MATCH (a:Plan {id: row.from_id})
MATCH (b:Organisation {id: row.to_id})
CREATE (a)-[r:PLAN_FOR]->(b)
SET r = row.props
RETURN count(r) AS created
