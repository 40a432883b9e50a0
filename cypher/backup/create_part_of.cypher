UNWIND $rows AS row
MATCH (a:Organisation {id: row.from_id})
MATCH (b:Organisation {id: row.to_id})
CREATE (a)-[r:PART_OF]->(b)
SET r = row.props
RETURN count(r) AS created
