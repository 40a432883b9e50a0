MATCH (n:Nomination {event_id: $event_id, person_id: $person_id})
WHERE n.status <> 'rejected'
RETURN n.id AS id
