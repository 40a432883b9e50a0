MERGE (m:Meta {key: 'graph'})
SET m.version = coalesce(m.version, 0) + 1,
    m.epoch = coalesce(m.epoch, $epoch)
