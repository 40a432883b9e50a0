MATCH (a:Person)-[r:KNOWS]->(b:Person)
WHERE r.visibility = 'exclusive' AND (r.policy_rule_id IN $rule_ids OR r.review_asked_at IS NOT NULL)
RETURN r {.id, .owner, .visibility, .last_contact, .created_at, .policy_rule_id, .review_asked_at,
          .review_confirmed_at} AS rel,
       a.id AS person_id, a.name AS person_name, b.id AS other_id, b.name AS other_name
ORDER BY r.id
