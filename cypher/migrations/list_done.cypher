OPTIONAL MATCH (m:Meta {key: 'migrations'})
RETURN coalesce(m.done, []) AS done
