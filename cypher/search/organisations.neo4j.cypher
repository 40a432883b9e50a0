CALL db.index.fulltext.queryNodes('organisation_search', reduce(s = '', k IN $keys | s + '+' + k + ' ')) YIELD node
WITH node AS o, all(t IN $terms WHERE (' ' + node.search_text) CONTAINS (' ' + t)) AS hit
WHERE hit
WITH o, CASE WHEN o.search_name = $phrase THEN 0
             WHEN o.search_name STARTS WITH $phrase THEN 1
             WHEN all(t IN $terms WHERE (' ' + o.search_name) CONTAINS (' ' + t)) THEN 2
             ELSE 3 END AS rank
RETURN o.id AS id, o.name AS name, o.kind AS kind, o.sector AS sector, o.country AS country,
       o.search_name AS search_name, rank
ORDER BY rank, search_name, id
LIMIT $limit
