MATCH (a:SignalAlias {owner: $owner})
RETURN a.email AS email, a.person_id AS person_id, a.mine AS mine
ORDER BY a.email
