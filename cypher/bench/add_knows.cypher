UNWIND $rows AS row
MATCH (a:Person {id: row.person_id}), (b:Person {id: row.other_id})
CREATE (a)-[r:KNOWS]->(b)
SET r = row.rel
RETURN count(r) AS created
