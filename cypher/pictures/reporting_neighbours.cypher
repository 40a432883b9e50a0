MATCH (p:Person {id: $id})
OPTIONAL MATCH (p)-[:REPORTS_TO]->(boss:Person)
WITH p, collect(boss.id) AS bosses
OPTIONAL MATCH (r:Person)-[:REPORTS_TO]->(p)
RETURN bosses, collect(r.id) AS reports
