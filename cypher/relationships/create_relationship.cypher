MATCH (a:Person {id: $person_id}), (b:Person {id: $other_id})
WHERE NOT (a)-[:KNOWS]-(b)
CREATE (a)-[r:KNOWS]->(b)
SET r = $rel
RETURN r.id AS id
