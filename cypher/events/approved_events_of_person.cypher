MATCH (n:Nomination {person_id: $person_id, status: 'approved'})
MATCH (e:Event {id: n.event_id})
RETURN e.id AS id, e.name AS name, e.date AS date
