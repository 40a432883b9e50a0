MATCH (s:Signal {owner: $owner})
WHERE s.kind = 'card'
RETURN s.uid AS uid, s.name AS name, s.emails AS emails, s.phones AS phones,
       s.organisation AS organisation, s.title AS title
ORDER BY s.uid
