MATCH (o:Organisation {id: $id})
OPTIONAL MATCH chain = (o)-[:PART_OF*1..20]->(a:Organisation)
RETURN collect(a.id) AS ancestor_ids
