UNWIND $ids AS id
MATCH ()-[r:KNOWS {id: id}]->()
RETURN r.id AS id, r.notes AS notes, r.context AS context
