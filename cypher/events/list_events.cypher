MATCH (e:Event)
OPTIONAL MATCH (n:Nomination {event_id: e.id, status: 'approved'})
RETURN e {.id, .name, .date, .capacity, .description, .manager, .manager_name, .created_at} AS event,
       count(n) AS approved
ORDER BY event.date DESC, event.id
