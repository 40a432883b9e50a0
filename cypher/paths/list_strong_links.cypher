MATCH (:User)-[:IS_PERSON]->(c:Person)
WITH DISTINCT c
MATCH (c)-[r:KNOWS]-(x:Person)
WHERE r.strength >= $strength
RETURN c.id AS colleague, x.id AS person, r.visibility AS level, r.owner AS owner, r.strength AS strength
