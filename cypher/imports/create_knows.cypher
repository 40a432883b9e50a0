UNWIND $rows AS row
MATCH (b:Person {id: row.other_id})
MATCH (a:Person {id: row.person_id})
WHERE NOT (b)-[:KNOWS]-(a)
CREATE (a)-[r:KNOWS]->(b)
SET r = row.props
RETURN count(r) AS n
