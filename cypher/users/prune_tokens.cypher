MATCH (:User {id: $user_id})-[:HAS_TOKEN]->(k:ApiToken)
WITH k ORDER BY k.created_at DESC, k.id DESC
WITH collect(k) AS tokens
UNWIND range(0, size(tokens) - 1) AS i
WITH tokens[i] AS k, i
WHERE i >= $keep OR k.expires_at <= $now
DETACH DELETE k
RETURN count(*) AS pruned
