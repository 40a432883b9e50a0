UNWIND $rows AS row
MERGE (a:SignalAlias {key: row.key})
SET a += row
RETURN count(a) AS n
