MATCH (n:Nomination)
WHERE n.status IN ['pending_owner', 'pending_manager'] AND coalesce(n.updated_at, n.created_at) < $cutoff_ms
RETURN n.id AS id, n.event_id AS event_id, n.event_name AS event_name, n.person_name AS person_name,
       n.status AS status, n.pending_owners AS pending_owners, n.manager AS manager,
       n.nominator AS nominator
ORDER BY id
