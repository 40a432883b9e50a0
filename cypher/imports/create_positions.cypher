UNWIND $rows AS row
MATCH (p:Person {id: row.person_id})
MATCH (o:Organisation {id: row.organisation_id})
CREATE (p)-[w:WORKS_AT]->(o)
SET w = row.props
RETURN count(w) AS n
