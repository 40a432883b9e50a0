UNWIND $ids AS pid
MATCH (:Plan)-[pm:PLAN_MEMBER]->(p:Person {id: pid})
RETURN DISTINCT pm.role AS role
