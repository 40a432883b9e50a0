MATCH (:Person)-[r:KNOWS {id: $id}]->(:Person)
SET r += $props
RETURN r.id AS id
