UNWIND $rows AS row
MATCH (p:Person {id: row.person_id}), (o:Organisation {id: row.organisation_id})
CREATE (p)-[w:WORKS_AT]->(o)
SET w = row.position
RETURN count(w) AS created
