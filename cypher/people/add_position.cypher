MATCH (p:Person {id: $id}), (o:Organisation {id: $organisation_id})
CREATE (p)-[w:WORKS_AT]->(o)
SET w = $position
RETURN w.id AS id
