MATCH (m:Meta {key: 'graph'})
WITH m, coalesce(m.journal, []) AS journal, m.version - $after AS behind
RETURN m.version AS version, m.epoch AS epoch,
       CASE WHEN behind <= 0 THEN []
            WHEN behind >= size(journal) THEN journal
            ELSE journal[size(journal) - behind..] END AS journal
