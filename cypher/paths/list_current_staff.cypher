UNWIND $orgs AS oid
MATCH (:Organisation {id: oid})<-[w:WORKS_AT]-(p:Person)
WHERE w.end IS NULL
RETURN DISTINCT p.id AS id
