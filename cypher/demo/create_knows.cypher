UNWIND $rows AS row
MATCH (a:Person {id: row.person_id})
MATCH (b:Person {id: row.other_id})
WITH a, b, row
WHERE NOT (a)-[:KNOWS]-(b)
CREATE (a)-[r:KNOWS]->(b)
SET r = row.props
RETURN count(r) AS created
