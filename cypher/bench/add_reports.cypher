UNWIND $rows AS row
MATCH (p:Person {id: row.id}), (boss:Person {id: row.boss_id})
CREATE (p)-[:REPORTS_TO]->(boss)
RETURN count(*) AS created
