MERGE (t:Team {name: $name})
  ON CREATE SET t.id = $id, t.created_at = $now
RETURN t.id AS id, t.name AS name
