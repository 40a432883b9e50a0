MATCH (i:Import {id: $id})
RETURN i.preview AS preview
