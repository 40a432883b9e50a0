UNWIND $rows AS row
MATCH (p:Person {id: row.person_id})
MATCH (o:Organisation {id: row.organisation_id})
MERGE (p)-[w:WORKS_AT {id: row.props.id}]->(o)
  ON CREATE SET w = row.props
RETURN count(w) AS merged
