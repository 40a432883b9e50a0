MATCH (a:AuditEntry)
WHERE ($all OR any(t IN coalesce(a.team_ids, []) WHERE t IN $teams))
  AND ($person IS NULL OR a.person_id = $person)
  AND ($user IS NULL OR a.actor_id = $user OR a.user_id = $user)
  AND ($event IS NULL OR a.event_id = $event)
  AND ($before_at IS NULL OR a.at < $before_at OR (a.at = $before_at AND a.id < $before_id))
RETURN a {.id, .at, .action, .actor_id, .actor_name, .user_id, .user_name, .person_id, .person_name,
          .event_id, .event_name, .nomination_id, .rule_id, .rule_name, .relationship_id, .reason, .detail} AS entry
ORDER BY a.at DESC, a.id DESC
LIMIT $limit
