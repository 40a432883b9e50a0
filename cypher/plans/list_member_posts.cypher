MATCH (p:Plan {account_id: $account_id})-[:PLAN_MEMBER]->(m:Person)-[w:WORKS_AT]->(o:Organisation)
WHERE o.id IN $org_ids
RETURN m.id AS person_id, o.id AS organisation_id, o.name AS organisation, w.title AS title, w.start AS start,
       w.end AS end
