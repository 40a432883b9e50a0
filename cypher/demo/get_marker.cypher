MATCH (m:Meta {key: 'demo'})
RETURN m.loaded_at AS loaded_at, m.version AS version
