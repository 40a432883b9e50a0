UNWIND $ids AS rid
MATCH ()-[r:KNOWS {id: rid}]->()
RETURN r.id AS id, r.owner AS owner, r.visibility AS visibility
