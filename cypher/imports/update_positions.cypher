UNWIND $rows AS row
MATCH (p:Person {id: row.person_id})-[w:WORKS_AT]->(o:Organisation {id: row.organisation_id})
WHERE w.end IS NULL
SET w += row.props
RETURN count(w) AS n
