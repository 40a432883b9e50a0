CREATE (e:Event)
SET e = $event
RETURN e.id AS id
