MATCH (a:Person)-[:REPORTS_TO]->(b:Person)
RETURN a.id AS a, b.id AS b
