CREATE INDEX FOR (n:PlanAction) ON (n.id)
