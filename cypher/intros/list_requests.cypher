MATCH (i:IntroRequest)
WHERE i.requester = $user OR i.owner = $user
RETURN i {.id, .requester, .requester_name, .owner, .owner_name, .relationship_id, .target_id, .target_name,
          .contact_id, .contact_name, .via_id, .via_name, .message, .status, .decision_message, .grant_expires_at,
          .created_at, .decided_at} AS request
ORDER BY i.created_at DESC, i.id DESC
LIMIT $limit
