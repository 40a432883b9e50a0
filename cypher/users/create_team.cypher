MERGE (t:Team {name: $team_name})
  ON CREATE SET t.id = $id, t.created_at = $now
RETURN t.id AS id, t.name AS name
