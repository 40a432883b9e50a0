MATCH (a)-[r]->(b)
RETURN type(r) AS type, properties(r) AS props,
       labels(a) AS from_labels, a.id AS from_id, a.key AS from_key,
       labels(b) AS to_labels, b.id AS to_id, b.key AS to_key
