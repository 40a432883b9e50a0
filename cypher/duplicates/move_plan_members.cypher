MATCH (keep:Person {id: $keep_id})
MATCH (plan:Plan)-[m:PLAN_MEMBER]->(drop:Person {id: $drop_id})
OPTIONAL MATCH (plan)-[twin:PLAN_MEMBER]->(keep)
WITH keep, plan, m, collect(twin) AS twins
FOREACH (_ IN CASE WHEN size(twins) = 0 THEN [1] ELSE [] END |
  CREATE (plan)-[n:PLAN_MEMBER]->(keep)
  SET n = properties(m))
FOREACH (t IN twins |
  SET t.role = coalesce(t.role, m.role), t.stance = coalesce(t.stance, m.stance),
      t.influence = coalesce(t.influence, m.influence), t.notes = coalesce(t.notes, m.notes))
DELETE m
RETURN sum(CASE WHEN size(twins) = 0 THEN 1 ELSE 0 END) AS n, sum(size(twins)) AS folded
