MATCH (p:Person)
WHERE p.email IS NOT NULL AND toLower(p.email) IN $emails
RETURN p {.id, .name, .email, .email_by} AS person, toLower(p.email) AS email
ORDER BY p.id
