MATCH ()-[r:KNOWS]->()
WITH r, all(t IN $terms WHERE (' ' + r.search_text) CONTAINS (' ' + t)) AS hit
WHERE hit AND (coalesce(r.visibility, '') <> 'private' OR r.owner = $owner)
WITH r LIMIT $limit
WITH r, startNode(r) AS a, endNode(r) AS b
RETURN r.id AS id, r.owner AS owner, r.visibility AS visibility,
       coalesce(b.search_name, toLower(b.name)) AS other_key, coalesce(a.search_name, toLower(a.name)) AS person_key
