UNWIND $ids AS wanted
MATCH (p:Person {id: wanted})
OPTIONAL MATCH (p)-[r:KNOWS]-(:Person)
WITH p, collect(r {.id, .visibility, .owner}) AS touching
RETURN p {.id, .name, .email, .phone, .created_by} AS person, touching
