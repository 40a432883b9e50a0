UNWIND $rows AS row
MATCH (a:User {id: row.from_id})
MATCH (b:Connection {id: row.to_id})
CREATE (a)-[r:HAS_CONNECTION]->(b)
SET r = row.props
RETURN count(r) AS created
