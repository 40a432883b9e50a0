MATCH (u:User {id: $id})
OPTIONAL MATCH (other:User {role: 'admin'})
WHERE other.id <> u.id AND coalesce(other.active, true) = true
WITH u, u.role AS previous, count(other) AS other_admins
WHERE previous <> 'admin' OR $role = 'admin' OR other_admins > 0
SET u.role = $role, u.auth_epoch = coalesce(u.auth_epoch, 0) + 1
WITH u, previous
OPTIONAL MATCH (u)-[m:MANAGES]->(:Team)
WHERE $role <> 'manager'
DELETE m
WITH DISTINCT u, previous
OPTIONAL MATCH (u)-[:HAS_TOKEN]->(k:ApiToken)
DETACH DELETE k
WITH DISTINCT u, previous
RETURN u.id AS id, previous
