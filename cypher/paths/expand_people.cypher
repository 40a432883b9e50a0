UNWIND $knows AS p
MATCH (a:Person {id: p.id})-[r:KNOWS]-(b:Person)
WHERE p.least IS NULL OR r.strength >= p.least
WITH p.id AS a, count(r) AS n, collect(toString(r.strength) + ' ' + r.visibility + ' ' + r.owner + ' ' + b.id) AS items
RETURN a, 'knows' AS kind, null AS b, n, items, null AS start, null AS end, null AS name
UNION ALL
UNWIND $reports AS id
MATCH (a:Person {id: id})-[:REPORTS_TO]-(b:Person)
WITH id, count(b) AS n, collect(b.id) AS items
RETURN id AS a, 'reports_to' AS kind, null AS b, n, items, null AS start, null AS end, null AS name
UNION ALL
UNWIND $orgs AS id
MATCH (a:Person {id: id})-[w:WORKS_AT]->(o:Organisation)
RETURN id AS a, 'employer' AS kind, o.id AS b, null AS n, null AS items, w.start AS start, w.end AS end,
       o.name AS name
UNION ALL
UNWIND $orgs AS id
MATCH (a:Person {id: id})-[:STUDIED_AT]->(o:Organisation)
RETURN id AS a, 'school' AS kind, o.id AS b, null AS n, null AS items, null AS start, null AS end, o.name AS name
