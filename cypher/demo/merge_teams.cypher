UNWIND $rows AS row
MERGE (t:Team {name: row.name})
  ON CREATE SET t.id = row.id, t.created_at = row.created_at
RETURN count(t) AS merged
