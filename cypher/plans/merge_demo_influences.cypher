UNWIND $rows AS row
MATCH (a:Person {id: row.from_id})
MATCH (b:Person {id: row.to_id})
MERGE (a)-[i:INFLUENCES {id: row.props.id}]->(b)
  ON CREATE SET i = row.props
RETURN count(i) AS merged
