MERGE (m:Meta {key: 'demo'})
SET m.loaded_at = $now, m.version = $version, m.seed = $seed
RETURN m.key AS key
