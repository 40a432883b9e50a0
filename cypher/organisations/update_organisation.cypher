MATCH (o:Organisation {id: $id})
SET o += $props
WITH o
OPTIONAL MATCH (o)-[old:PART_OF]->(:Organisation)
DELETE old
WITH DISTINCT o
OPTIONAL MATCH (parent:Organisation {id: coalesce($parent_id, '')})
FOREACH (_ IN CASE WHEN parent IS NULL THEN [] ELSE [1] END | CREATE (o)-[:PART_OF]->(parent))
RETURN o.id AS id
