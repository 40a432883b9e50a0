UNWIND $rows AS row
MATCH ()-[r:KNOWS {id: row.id}]->()
SET r += row.props
RETURN count(r) AS n
