MATCH (drop:Person {id: $drop_id})
WHERE NOT (drop)--()
DETACH DELETE drop
RETURN count(*) AS n
