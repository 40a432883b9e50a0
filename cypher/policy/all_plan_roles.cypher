MATCH (:Plan)-[pm:PLAN_MEMBER]->(p:Person)
RETURN DISTINCT p.id AS person_id, pm.role AS role
