UNWIND $rows AS row
MATCH (a:Person {id: row.from_id})
MATCH (b:Organisation {id: row.to_id})
CREATE (a)-[r:WORKS_AT]->(b)
SET r = row.props
RETURN count(r) AS created
