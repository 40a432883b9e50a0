UNWIND $rows AS row
MATCH (p:Person {id: row.person_id}), (s:Organisation {id: row.school_id})
CREATE (p)-[e:STUDIED_AT]->(s)
SET e = row.education
RETURN count(e) AS created
