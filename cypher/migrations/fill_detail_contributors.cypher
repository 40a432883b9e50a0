MATCH (p:Person)
WHERE p.created_by IS NOT NULL
  AND ((p.email IS NOT NULL AND p.email_by IS NULL)
    OR (p.phone IS NOT NULL AND p.phone_by IS NULL)
    OR (p.notes IS NOT NULL AND p.notes_by IS NULL))
WITH p LIMIT $limit
SET p.email_by = CASE WHEN p.email IS NOT NULL AND p.email_by IS NULL THEN p.created_by ELSE p.email_by END,
    p.phone_by = CASE WHEN p.phone IS NOT NULL AND p.phone_by IS NULL THEN p.created_by ELSE p.phone_by END,
    p.notes_by = CASE WHEN p.notes IS NOT NULL AND p.notes_by IS NULL THEN p.created_by ELSE p.notes_by END
RETURN count(p) AS n
