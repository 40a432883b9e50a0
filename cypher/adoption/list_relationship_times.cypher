MATCH (:Person)-[r:KNOWS]->(:Person)
WHERE r.owner IN $users AND (r.created_at >= $since OR r.updated_at >= $since)
RETURN r.owner AS owner, r.created_at AS created_at, r.updated_at AS updated_at
