MATCH (p:Plan {account_id: $account_id})-[:PLAN_MEMBER]->(m:Person)
MATCH (m)-[r:KNOWS]-(c:Person)<-[:IS_PERSON]-(u:User)
RETURN m.id AS member_id, c.id AS colleague, c.name AS colleague_name, u.id AS user_id,
       r.id AS rel_id, r.strength AS strength, r.visibility AS visibility, r.owner AS owner
