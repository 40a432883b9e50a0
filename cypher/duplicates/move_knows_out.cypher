MATCH (keep:Person {id: $keep_id})
MATCH (drop:Person {id: $drop_id})-[r:KNOWS]->(x:Person)
WHERE x <> keep AND x <> drop
WITH keep, r, x, [(keep)-[o:KNOWS]-(x) | coalesce(o.owner, '')] AS owners
WHERE NOT coalesce(r.owner, '') IN owners
CREATE (keep)-[n:KNOWS]->(x)
SET n = properties(r),
    n.pair = coalesce(r.owner, '') + '|' + CASE WHEN keep.id < x.id THEN keep.id + '|' + x.id ELSE x.id + '|' + keep.id END
DELETE r
RETURN count(n) AS n
