UNWIND $rows AS row
MATCH (o:Organisation {id: row.id}), (parent:Organisation {id: row.parent_id})
CREATE (o)-[:PART_OF]->(parent)
RETURN count(*) AS created
