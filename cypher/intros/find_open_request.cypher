MATCH (o:IntroRequest {requester: $requester, relationship_id: $relationship_id, status: 'pending'})
RETURN o.id AS id
LIMIT 1
