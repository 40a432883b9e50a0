UNWIND $person_ids AS person_id
MATCH (m:Person {id: person_id})-[r:KNOWS]-(:Person)
RETURN m.id AS person_id, collect(DISTINCT r.owner) AS owners
