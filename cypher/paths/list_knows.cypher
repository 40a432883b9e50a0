MATCH (a:Person)-[r:KNOWS]->(b:Person)
RETURN a.id AS a, b.id AS b, r.strength AS strength, r.visibility AS visibility, r.owner AS owner
