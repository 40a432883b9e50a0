UNWIND $rows AS row
MERGE (m:Meta {key: row.key})
WITH m, row, m.version AS current, m.epoch AS epoch
SET m = row
SET m.version = CASE WHEN row.key = 'graph' THEN coalesce(current, 0) + coalesce(row.version, 0) + 1
                     ELSE row.version END,
    m.epoch = CASE WHEN row.key = 'graph' THEN coalesce(epoch, $epoch) ELSE row.epoch END
RETURN count(m) AS created
