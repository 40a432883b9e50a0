MATCH (a:Person)
WHERE a.id >= $lo AND a.id < $hi
MATCH (a)-[r:KNOWS]->(b:Person)
RETURN a.id AS a, b.id AS b, r.strength AS strength, r.visibility AS visibility, r.owner AS owner
