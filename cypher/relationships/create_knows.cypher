UNWIND $rows AS row
WITH row, CASE WHEN row.person_id < row.other_id THEN row.person_id + '|' + row.other_id
               ELSE row.other_id + '|' + row.person_id END AS ends
WITH coalesce(row.props.owner, '') + '|' + ends AS key, head(collect(row)) AS row
MATCH (a:Person {id: row.person_id})
MATCH (b:Person {id: row.other_id})
WITH a, b, row, key, [(a)-[k:KNOWS]-(b) | k.owner] AS owners
WHERE a <> b AND NOT coalesce(row.props.owner, '') IN [o IN owners | coalesce(o, '')]
CREATE (a)-[r:KNOWS]->(b)
SET r = row.props, r.pair = key
RETURN count(r) AS created
