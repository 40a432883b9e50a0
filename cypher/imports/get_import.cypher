MATCH (i:Import {id: $id})
RETURN i {.id, .owner, .owner_name, .filename, .format, .strength, .visibility, .status, .created_at,
          .committed_at, .summary, .job_changes, .error, .content} AS import
