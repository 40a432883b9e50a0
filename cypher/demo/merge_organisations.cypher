UNWIND $rows AS row
MERGE (o:Organisation {id: row.id})
  ON CREATE SET o = row
RETURN count(o) AS merged
