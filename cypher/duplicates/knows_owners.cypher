MATCH (p:Person {id: $id})-[r:KNOWS]-(:Person)
RETURN DISTINCT r.owner AS owner
