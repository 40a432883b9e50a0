MATCH (u:User {id: $id})
OPTIONAL MATCH (u)-[:MEMBER_OF]->(t:Team)
OPTIONAL MATCH (u)-[:IS_PERSON]->(p:Person)
WITH u, t, p
OPTIONAL MATCH (u)-[:MANAGES]->(m:Team)
WITH u, t, p, collect(m.id) AS managed_team_ids
OPTIONAL MATCH (u)-[:HAS_TOKEN]->(k:ApiToken)
RETURN u {.id, .username, .role, .name, .active, .auth_epoch, .password_hash} AS user,
       t.id AS team_id, t.name AS team, p.id AS person_id, managed_team_ids, collect(k.id) AS token_ids
