MATCH (keep:Person {id: $keep_id})
MATCH (drop:Person {id: $drop_id})-[e:STUDIED_AT]->(s:Organisation)
CREATE (keep)-[n:STUDIED_AT]->(s)
SET n = properties(e)
DELETE e
RETURN count(n) AS n
