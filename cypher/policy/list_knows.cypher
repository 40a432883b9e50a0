MATCH (a:Person)-[r:KNOWS]->(b:Person)
WHERE r.visibility <> 'private'
RETURN r.id AS id, r.owner AS owner, r.visibility AS visibility, r.visibility_source AS visibility_source,
       r.strength AS strength, r.policy_rule_id AS policy_rule_id,
       a.id AS person_id, a.name AS person_name, b.id AS other_id, b.name AS other_name
ORDER BY r.id
