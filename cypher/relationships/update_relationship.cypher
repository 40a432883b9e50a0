MATCH ()-[r:KNOWS {id: $id}]->()
WITH r, r.visibility AS previous
SET r += $props
SET r.visibility_source = CASE WHEN $visibility IS NOT NULL AND $visibility <> previous
                               THEN 'owner' ELSE r.visibility_source END
RETURN r.id AS id, previous AS previous_visibility
