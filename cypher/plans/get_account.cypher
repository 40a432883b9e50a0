MATCH (o:Organisation {id: $id})
OPTIONAL MATCH (s:Organisation)-[:PART_OF*1..10]->(o)
RETURN o {.id, .name, .kind, .sector, .country} AS account,
       collect(DISTINCT CASE WHEN s IS NULL THEN null ELSE s {.id, .name} END) AS subs
