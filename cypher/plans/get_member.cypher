MATCH (p:Plan {account_id: $account_id})-[pm:PLAN_MEMBER]->(m:Person {id: $person_id})
RETURN m.id AS person_id, pm.role AS role, pm.stance AS stance, pm.influence AS influence, pm.notes AS notes
