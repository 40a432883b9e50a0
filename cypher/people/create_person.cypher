CREATE (p:Person)
SET p = $person
WITH p
OPTIONAL MATCH (o:Organisation {id: coalesce($organisation_id, '')})
OPTIONAL MATCH (boss:Person {id: coalesce($reports_to, '')})
FOREACH (_ IN CASE WHEN o IS NULL THEN [] ELSE [1] END |
  CREATE (p)-[:WORKS_AT {id: $position_id, title: $title, created_at: $now}]->(o))
FOREACH (_ IN CASE WHEN boss IS NULL THEN [] ELSE [1] END |
  CREATE (p)-[:REPORTS_TO]->(boss))
RETURN p.id AS id
