MATCH (m:Meta {key: 'graph'})
RETURN m.version AS version, m.epoch AS epoch,
       [entry IN coalesce(m.journal, []) WHERE toInteger(split(entry, ' ')[0]) > $after] AS journal
