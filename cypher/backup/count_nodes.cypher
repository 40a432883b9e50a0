MATCH (n)
WHERE NOT (n:Meta AND n.key = 'graph')
RETURN count(n) AS nodes
