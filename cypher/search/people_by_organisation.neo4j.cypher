CALL db.index.fulltext.queryNodes('organisation_search', reduce(s = '', k IN $keys | s + '+' + k + ' ')) YIELD node
WITH node AS o, all(t IN $terms WHERE (' ' + node.search_name) CONTAINS (' ' + t)) AS named
WHERE named
MATCH (p:Person)-[w:WORKS_AT]->(o)
WHERE w.end IS NULL
WITH p, collect(o.name) AS orgs, collect(o.id) AS org_ids
RETURN p.id AS id, p.name AS name, p.title AS title, orgs[0] AS organisation, org_ids[0] AS organisation_id,
       p.search_name AS search_name, 3 AS rank
ORDER BY search_name, id
LIMIT $limit
