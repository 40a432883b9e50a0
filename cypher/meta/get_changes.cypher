MATCH (m:Meta {key: 'graph'})
RETURN m.version AS version, m.epoch AS epoch, m.journal AS journal
