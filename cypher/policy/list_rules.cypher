MATCH (r:PolicyRule)
RETURN r {.id, .name, .position, .org_kind, .sector, .country, .min_strength, .team_id, .plan_role, .outcome,
          .mode, .review_days, .review_grace_days, .reason, .is_default, .created_at, .updated_at} AS rule
ORDER BY coalesce(r.is_default, false), r.position, r.id
