MATCH (p:Person {id: $id})-[e:STUDIED_AT]->(s:Organisation)
RETURN e.id AS id, s.id AS school_id, s.name AS school, e.start AS start, e.end AS end
ORDER BY coalesce(e.end, '9999') DESC
