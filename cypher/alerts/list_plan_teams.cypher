MATCH (p:Plan)
WHERE p.id IN $plan_ids
OPTIONAL MATCH (p)-[:PLAN_MEMBER]->(:Person)-[r:KNOWS]-(:Person)
WHERE r.visibility <> 'private'
RETURN p.id AS plan_id, p.created_by AS created_by, p.updated_by AS updated_by,
       collect(DISTINCT r.owner) AS owners
