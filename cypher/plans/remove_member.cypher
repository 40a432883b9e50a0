MATCH (p:Plan {account_id: $account_id})-[pm:PLAN_MEMBER]->(m:Person {id: $person_id})
OPTIONAL MATCH (m)-[i:INFLUENCES]-(:Person)
WHERE i.plan_id = p.id
WITH p, pm, m, collect(i) AS lines
FOREACH (line IN lines | DELETE line)
DELETE pm
WITH p, m
OPTIONAL MATCH (p)-[:HAS_ACTION]->(a:PlanAction)
WHERE a.member_id = m.id
WITH collect(a) AS linked
FOREACH (action IN linked | REMOVE action.member_id)
RETURN size(linked) AS unlinked
