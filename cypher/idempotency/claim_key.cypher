MERGE (k:IdempotencyKey {key: $key})
SET k.touched_at = $now
WITH k, (k.claim IS NULL OR k.expires_at <= $now
         OR (k.state = 'running' AND k.lease_until <= $now AND k.fingerprint = $fingerprint)) AS free
SET k.claim = CASE WHEN free THEN $claim ELSE k.claim END,
    k.user_id = CASE WHEN free THEN $user_id ELSE k.user_id END,
    k.fingerprint = CASE WHEN free THEN $fingerprint ELSE k.fingerprint END,
    k.state = CASE WHEN free THEN 'running' ELSE k.state END,
    k.lease_until = CASE WHEN free THEN $lease_until ELSE k.lease_until END,
    k.created_at = CASE WHEN free THEN $now ELSE k.created_at END,
    k.expires_at = CASE WHEN free THEN $expires_at ELSE k.expires_at END,
    k.status = CASE WHEN free THEN null ELSE k.status END,
    k.body = CASE WHEN free THEN null ELSE k.body END,
    k.content_type = CASE WHEN free THEN null ELSE k.content_type END
RETURN k.claim = $claim AS claimed, k.fingerprint AS fingerprint, k.state AS state,
       k.lease_until AS lease_until, k.status AS status, k.body AS body, k.content_type AS content_type
