MATCH (p:Person)-[w:WORKS_AT]->(o:Organisation)
RETURN p.id AS person, o.id AS organisation, o.name AS name, w.start AS start, w.end AS end
