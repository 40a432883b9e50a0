MATCH (p:Plan {account_id: $account_id})
RETURN p {.id, .account_id, .period_start, .period_end, .objectives, .status, .created_at, .created_by,
          .updated_at, .updated_by} AS plan
