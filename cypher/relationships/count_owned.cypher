MATCH ()-[r:KNOWS {owner: $owner}]->()
RETURN count(r) AS total
