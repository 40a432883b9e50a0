MERGE (m:Meta {key: 'migrations'})
SET m.done = CASE WHEN $migration IN coalesce(m.done, []) THEN m.done ELSE coalesce(m.done, []) + [$migration] END
RETURN m.done AS done
