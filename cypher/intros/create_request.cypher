OPTIONAL MATCH (o:IntroRequest {requester: $request.requester, relationship_id: $request.relationship_id, status: 'pending'})
WITH count(o) AS open
WHERE open = 0
CREATE (i:IntroRequest)
SET i = $request
RETURN i.id AS id
