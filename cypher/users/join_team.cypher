MATCH (u:User {id: $user_id})
MERGE (t:Team {name: $team})
  ON CREATE SET t.id = $team_id, t.created_at = $now
WITH u, t
OPTIONAL MATCH (u)-[old:MEMBER_OF]->(:Team)
DELETE old
WITH DISTINCT u, t
CREATE (u)-[:MEMBER_OF]->(t)
RETURN t.id AS team_id
