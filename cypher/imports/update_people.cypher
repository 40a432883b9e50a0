UNWIND $rows AS row
MATCH (p:Person {id: row.id})
SET p += row.props
RETURN count(p) AS n
