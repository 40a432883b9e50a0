MATCH (p:Person {id: $id}), (s:Organisation {id: $school_id})
CREATE (p)-[e:STUDIED_AT]->(s)
SET e = $education
RETURN e.id AS id
