UNWIND $ids AS wanted
MATCH (p:Person {id: wanted})
OPTIONAL MATCH (p)-[r:KNOWS]-(:Person)
WITH p, collect(r {.id, .visibility, .owner}) AS touching
RETURN p {.id, .name, .email, .phone, .notes, .email_by, .phone_by, .notes_by, .created_by} AS person, touching
