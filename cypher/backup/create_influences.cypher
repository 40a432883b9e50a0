UNWIND $rows AS row
MATCH (a:Person {id: row.from_id})
MATCH (b:Person {id: row.to_id})
CREATE (a)-[r:INFLUENCES]->(b)
SET r = row.props
RETURN count(r) AS created
