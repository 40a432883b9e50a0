MATCH (n:Nomination {id: $id})
RETURN n {.id, .event_id, .event_name, .person_id, .person_name, .nominator, .nominator_name, .reason, .status,
          .pending_owners, .owners, .consented, .refused_by, .manager, .decided_by, .decision_reason,
          .created_at, .decided_at, .outcome, .feedback, .outcome_by, .outcome_at, .outcome_owners} AS nomination
