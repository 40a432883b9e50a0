MERGE (m:Meta {key: 'graph'})
SET m.version = coalesce(m.version, 0) + 1,
    m.epoch = coalesce(m.epoch, $epoch)
WITH m, coalesce(m.journal, []) + [toString(m.version) + ' ' + $note] AS journal
SET m.journal = CASE WHEN size(journal) > $keep THEN journal[size(journal) - $keep..] ELSE journal END
