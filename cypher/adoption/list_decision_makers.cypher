MATCH (p:Plan)-[pm:PLAN_MEMBER]->(m:Person)
WHERE pm.role = 'decision_maker'
OPTIONAL MATCH (m)-[r:KNOWS]-(:Person)<-[:IS_PERSON]-(:User)
WHERE r.visibility <> 'private' AND r.strength >= $covered
RETURN p.id AS plan_id, m.id AS person_id, coalesce(pm.added_at, 0) AS added_at, min(r.created_at) AS covered_since
