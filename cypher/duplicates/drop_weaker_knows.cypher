MATCH (keep:Person {id: $keep_id})-[k:KNOWS]-(x:Person)-[d:KNOWS]-(drop:Person {id: $drop_id})
WHERE x <> keep AND x <> drop AND k <> d AND coalesce(k.owner, '') = coalesce(d.owner, '')
WITH DISTINCT k, d
WITH k, d, coalesce(d.strength, 0) > coalesce(k.strength, 0)
        OR (coalesce(d.strength, 0) = coalesce(k.strength, 0)
            AND coalesce(d.updated_at, d.created_at, 0) > coalesce(k.updated_at, k.created_at, 0)) AS d_wins
WITH CASE WHEN d_wins THEN d ELSE k END AS kept, CASE WHEN d_wins THEN k ELSE d END AS gone
WITH kept, gone,
     CASE kept.visibility WHEN 'private' THEN 0 WHEN 'exclusive' THEN 1 WHEN 'team' THEN 2 ELSE 3 END AS kept_level,
     CASE gone.visibility WHEN 'private' THEN 0 WHEN 'exclusive' THEN 1 WHEN 'team' THEN 2 ELSE 3 END AS gone_level
SET kept.visibility = CASE WHEN gone_level < kept_level THEN gone.visibility ELSE kept.visibility END
WITH gone, gone.id AS id
DELETE gone
RETURN collect(id) AS ids
