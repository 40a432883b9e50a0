MATCH (boss:Person {id: $boss_id})
OPTIONAL MATCH chain = (boss)-[:REPORTS_TO*1..20]->(p:Person {id: $id})
RETURN chain IS NOT NULL AS cycle
LIMIT 1
