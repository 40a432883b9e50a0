UNWIND $rows AS row
MATCH (a:User {id: row.from_id})
MATCH (b:Team {id: row.to_id})
CREATE (a)-[r:MEMBER_OF]->(b)
SET r = row.props
RETURN count(r) AS created
