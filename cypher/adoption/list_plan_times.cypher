MATCH (p:Plan)
OPTIONAL MATCH (p)-[pm:PLAN_MEMBER]->(:Person)
WITH p, collect(pm.updated_at) AS member_updates, collect(pm.added_at) AS member_adds
OPTIONAL MATCH (p)-[:HAS_ACTION]->(a:PlanAction)
RETURN p.id AS plan_id, p.created_by AS created_by, p.updated_by AS updated_by, p.created_at AS created_at,
       p.updated_at AS updated_at, member_updates, member_adds, collect(a.created_at) AS action_adds,
       collect(a.updated_at) AS action_updates
