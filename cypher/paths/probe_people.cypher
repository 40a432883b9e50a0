UNWIND $knows AS p
MATCH (a:Person {id: p.id})
WITH a, p
MATCH (a)-[r:KNOWS]-(b:Person)
WHERE b.id IN $sources AND (p.least IS NULL OR r.strength >= p.least)
RETURN p.id AS a, b.id AS b, 'knows' AS kind, r.strength AS strength, r.visibility AS level, r.owner AS owner,
       null AS start, null AS end, null AS name
UNION ALL
UNWIND $reports AS id
MATCH (a:Person {id: id})
WITH a, id
MATCH (a)-[:REPORTS_TO]-(b:Person)
WHERE b.id IN $sources
RETURN id AS a, b.id AS b, 'reports_to' AS kind, null AS strength, null AS level, null AS owner,
       null AS start, null AS end, null AS name
UNION ALL
UNWIND $orgs AS id
MATCH (a:Person {id: id})-[w:WORKS_AT]->(o:Organisation)
RETURN id AS a, o.id AS b, 'employer' AS kind, null AS strength, null AS level, null AS owner,
       w.start AS start, w.end AS end, o.name AS name
UNION ALL
UNWIND $orgs AS id
MATCH (a:Person {id: id})-[:STUDIED_AT]->(o:Organisation)
RETURN id AS a, o.id AS b, 'school' AS kind, null AS strength, null AS level, null AS owner,
       null AS start, null AS end, o.name AS name
