UNWIND $rows AS row
MATCH (a:User {id: row.from_id})
MATCH (b:Person {id: row.to_id})
CREATE (a)-[r:IS_PERSON]->(b)
SET r = row.props
RETURN count(r) AS created
