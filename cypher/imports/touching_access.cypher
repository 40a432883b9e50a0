UNWIND $ids AS pid
MATCH (p:Person {id: pid})-[r:KNOWS]-(:Person)
RETURN pid AS person_id, r.owner AS owner, r.visibility AS visibility
