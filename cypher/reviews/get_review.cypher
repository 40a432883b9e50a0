MATCH (a)-[r:KNOWS {id: $id}]->(b)
RETURN r {.id, .owner, .visibility, .strength, .last_contact, .created_at, .policy_rule_id, .review_asked_at,
          .review_confirmed_at} AS rel,
       a.id AS person_id, a.name AS person_name, b.id AS other_id, b.name AS other_name
