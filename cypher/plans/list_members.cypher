MATCH (p:Plan {account_id: $account_id})-[pm:PLAN_MEMBER]->(m:Person)
RETURN m.id AS person_id, m.name AS name, m.title AS title, pm.role AS role, pm.stance AS stance,
       pm.influence AS influence, pm.notes AS notes, pm.added_at AS added_at
ORDER BY toLower(m.name), m.id
