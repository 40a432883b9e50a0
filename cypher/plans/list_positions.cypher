MATCH (m:Person {id: $person_id})-[w:WORKS_AT]->(o:Organisation)
WHERE o.id IN $org_ids
RETURN o.id AS organisation_id, w.title AS title, w.start AS start, w.end AS end
