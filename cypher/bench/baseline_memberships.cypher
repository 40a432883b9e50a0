MATCH (p:Person)-[m:WORKS_AT|STUDIED_AT]->(o:Organisation)
RETURN p.id AS person, o.id AS organisation, type(m) AS kind, m.start AS start, m.end AS end
