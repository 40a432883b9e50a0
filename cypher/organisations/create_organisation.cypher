CREATE (o:Organisation)
SET o = $organisation
WITH o
OPTIONAL MATCH (parent:Organisation {id: coalesce($parent_id, '')})
FOREACH (_ IN CASE WHEN parent IS NULL THEN [] ELSE [1] END | CREATE (o)-[:PART_OF]->(parent))
RETURN o.id AS id
