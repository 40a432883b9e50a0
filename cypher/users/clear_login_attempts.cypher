MATCH (t:LoginThrottle {key: $key})
DELETE t
RETURN count(*) AS cleared
