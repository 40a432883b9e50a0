MATCH (o:Organisation {id: $id})
OPTIONAL MATCH (o)-[:PART_OF]->(parent:Organisation)
RETURN o {.id, .name, .kind, .sector, .country, .created_by, .created_at} AS organisation,
       parent.id AS parent_id, parent.name AS parent_name
