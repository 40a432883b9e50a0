MATCH (x:Alert)
WHERE x.rule IN $rules AND x.status IN ['open', 'snoozed'] AND NOT x.key IN $live
SET x.status = 'resolved', x.resolved_at = $now
RETURN count(x) AS resolved
