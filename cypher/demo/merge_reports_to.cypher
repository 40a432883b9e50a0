UNWIND $rows AS row
MATCH (p:Person {id: row.person_id})
MATCH (boss:Person {id: row.boss_id})
MERGE (p)-[:REPORTS_TO]->(boss)
RETURN count(p) AS merged
