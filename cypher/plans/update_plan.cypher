MATCH (p:Plan {account_id: $account_id})
SET p += $props
RETURN p.id AS id
