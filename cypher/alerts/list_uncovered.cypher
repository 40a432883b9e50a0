MATCH (p:Plan)-[pm:PLAN_MEMBER]->(m:Person)
WHERE pm.role = 'decision_maker' AND coalesce(p.status, 'draft') <> 'closed'
  AND ($account_ids IS NULL OR p.account_id IN $account_ids)
OPTIONAL MATCH (m)-[r:KNOWS]-(:Person)<-[:IS_PERSON]-(:User)
WHERE r.visibility <> 'private'
WITH p, m, max(r.strength) AS best,
     collect(CASE WHEN r IS NULL THEN null ELSE {owner: r.owner, visibility: r.visibility, strength: r.strength} END)
       AS coverage
WHERE best IS NULL OR best < $covered
MATCH (p)-[:PLAN_FOR]->(o:Organisation)
RETURN p.id AS plan_id, o.name AS account_name, m.id AS person_id, m.name AS name, coverage
ORDER BY plan_id, person_id
