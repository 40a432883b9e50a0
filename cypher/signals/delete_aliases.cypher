MATCH (a:SignalAlias {owner: $owner})
WHERE a.mine = $mine AND NOT a.email IN $keep
DELETE a
RETURN count(*) AS n
