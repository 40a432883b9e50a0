UNWIND $schools AS oid
MATCH (:Organisation {id: oid})<-[:STUDIED_AT]-(p:Person)
RETURN oid AS org, 'school' AS kind, p.id AS person, null AS start, null AS end
UNION ALL
UNWIND $employers AS e
MATCH (:Organisation {id: e.org})<-[w:WORKS_AT]-(p:Person)
WHERE NOT e.ended_only OR w.end IS NOT NULL
RETURN e.org AS org, 'employer' AS kind, p.id AS person, w.start AS start, w.end AS end
