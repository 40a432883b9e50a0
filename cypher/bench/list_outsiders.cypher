MATCH (p:Person)
WHERE NOT (p)<-[:IS_PERSON]-(:User)
RETURN p.id AS id
ORDER BY id
