UNWIND $rows AS row
OPTIONAL MATCH (old:Signal {key: row.key})
WITH row, old
WHERE old IS NULL
CREATE (s:Signal)
SET s = row
RETURN row.kind AS kind, row.uid AS uid
