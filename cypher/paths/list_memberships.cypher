UNWIND $ids AS id
MATCH (:Person {id: id})-[w:WORKS_AT|STUDIED_AT]->(o:Organisation)
RETURN id AS person, o.id AS org, type(w) AS rel, w.start AS start, w.end AS end, o.name AS name
