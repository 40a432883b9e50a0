UNWIND $rows AS row
MATCH (p:Person {id: row.person_id})
MATCH (s:Organisation {id: row.school_id})
MERGE (p)-[e:STUDIED_AT {id: row.props.id}]->(s)
  ON CREATE SET e = row.props
RETURN count(e) AS merged
