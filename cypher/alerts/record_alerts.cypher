UNWIND $alerts AS a
MERGE (x:Alert {key: a.key})
  ON CREATE SET x.id = a.id, x.rule = a.rule, x.user_id = a.user_id, x.text = a.text, x.message = a.message,
                x.link = a.link,
                x.status = 'open', x.created_at = $now, x.run = $run
  ON MATCH SET x.run = CASE WHEN x.status = 'resolved' OR (x.status = 'snoozed' AND x.snoozed_until <= $now)
                            THEN $run ELSE x.run END,
               x.status = CASE WHEN x.status = 'resolved' OR (x.status = 'snoozed' AND x.snoozed_until <= $now)
                               THEN 'open' ELSE x.status END,
               x.text = a.text, x.message = a.message, x.seen_at = $now
WITH x
WHERE x.run = $run
RETURN x {.id, .rule, .user_id, .text, .message, .link} AS alert
