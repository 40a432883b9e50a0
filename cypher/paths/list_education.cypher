MATCH (p:Person)-[:STUDIED_AT]->(s:Organisation)
RETURN p.id AS person, s.id AS school, s.name AS name
