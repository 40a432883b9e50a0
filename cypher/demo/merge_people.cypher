UNWIND $rows AS row
MERGE (p:Person {id: row.id})
  ON CREATE SET p = row
RETURN count(p) AS merged
