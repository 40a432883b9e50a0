MATCH (p:Person)
OPTIONAL MATCH (p)-[w:WORKS_AT]->(o:Organisation)
WHERE w.end IS NULL
WITH p, collect(o.name) AS orgs
WHERE $q IS NULL OR toLower(p.name) CONTAINS toLower($q)
   OR any(n IN orgs WHERE toLower(n) CONTAINS toLower($q))
RETURN count(p) AS total
