MATCH (s:Signal {owner: $owner})
WHERE s.kind <> 'card' AND s.at_ms <= $now
RETURN s.email AS email, max(s.name) AS name
