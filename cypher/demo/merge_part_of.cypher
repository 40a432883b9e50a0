UNWIND $rows AS row
MATCH (child:Organisation {id: row.child_id})
MATCH (parent:Organisation {id: row.parent_id})
MERGE (child)-[:PART_OF]->(parent)
RETURN count(child) AS merged
