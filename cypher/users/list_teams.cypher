MATCH (t:Team)
OPTIONAL MATCH (m:User)-[:MEMBER_OF]->(t)
WITH t, collect(m.username) AS members
OPTIONAL MATCH (boss:User)-[:MANAGES]->(t)
RETURN t.id AS id, t.name AS name, members, collect(boss.username) AS managers
ORDER BY name
