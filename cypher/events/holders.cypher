MATCH (p:Person {id: $person_id})-[r:KNOWS]-(:Person)
RETURN DISTINCT r.owner AS owner, r.visibility AS visibility
