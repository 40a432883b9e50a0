UNWIND $pairs AS pair
MATCH (s:Signal {email: pair.email})
WHERE s.owner = $owner AND s.kind <> 'card' AND s.at_ms <= $now
WITH pair.who AS who, s
RETURN who,
       count(DISTINCT CASE WHEN s.kind = 'meeting' AND s.at_ms >= $d30 THEN s.uid END) AS meetings_30d,
       count(DISTINCT CASE WHEN s.kind = 'meeting' AND s.at_ms >= $d90 THEN s.uid END) AS meetings_90d,
       count(DISTINCT CASE WHEN s.kind = 'meeting' AND s.at_ms >= $d365 THEN s.uid END) AS meetings_365d,
       count(DISTINCT CASE WHEN s.kind = 'message' AND s.at_ms >= $d30 THEN s.uid END) AS messages_30d,
       count(DISTINCT CASE WHEN s.kind = 'message' AND s.at_ms >= $d90 THEN s.uid END) AS messages_90d,
       count(DISTINCT CASE WHEN s.kind = 'message' AND s.at_ms >= $d365 THEN s.uid END) AS messages_365d,
       count(DISTINCT CASE WHEN s.outgoing THEN s.uid END) AS sent,
       count(DISTINCT CASE WHEN NOT s.outgoing THEN s.uid END) AS received,
       min(s.at_ms) AS first_ms,
       max(s.at_ms) AS last_ms
