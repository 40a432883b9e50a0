MATCH (p:Person {id: $id})
OPTIONAL MATCH (p)-[old:REPORTS_TO]->(:Person)
DELETE old
WITH DISTINCT p
OPTIONAL MATCH (boss:Person {id: coalesce($reports_to, '')})
FOREACH (_ IN CASE WHEN boss IS NULL THEN [] ELSE [1] END | CREATE (p)-[:REPORTS_TO]->(boss))
RETURN p.id AS id
