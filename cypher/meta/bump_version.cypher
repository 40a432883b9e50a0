OPTIONAL MATCH (carnet_meta:Meta {key: 'graph'})
WITH $change_write IN coalesce(carnet_meta.writes, []) AS carnet_done
WHERE NOT carnet_done
CALL {
  MERGE (m:Meta {key: 'graph'})
  SET m.version = coalesce(m.version, 0) + 1,
      m.epoch = coalesce(m.epoch, $change_epoch)
  WITH m, coalesce(m.journal, []) + [toString(m.version) + ' ' + $change_note] AS journal,
       coalesce(m.writes, []) + [$change_write] AS writes
  SET m.journal = CASE WHEN size(journal) > $change_keep THEN journal[size(journal) - $change_keep..] ELSE journal END,
      m.writes = CASE WHEN size(writes) > $change_keep THEN writes[size(writes) - $change_keep..] ELSE writes END
}
