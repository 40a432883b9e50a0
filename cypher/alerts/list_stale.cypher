MATCH (a:Person)-[r:KNOWS]->(b:Person)
WHERE r.owner IS NOT NULL AND coalesce(r.last_contact, '') < $cutoff
  AND (r.last_contact IS NOT NULL OR r.created_at < $cutoff_ms)
WITH r.owner AS owner, r.id AS id, r.strength AS strength, r.last_contact AS last_contact,
     a.id AS a_id, a.name AS a_name, b.id AS b_id, b.name AS b_name
ORDER BY strength DESC, last_contact, id
WITH owner, collect({id: id, strength: strength, last_contact: last_contact, a_id: a_id, a_name: a_name,
                     b_id: b_id, b_name: b_name})[0..$per_owner] AS top
UNWIND top AS t
RETURN owner, t.id AS id, t.strength AS strength, t.last_contact AS last_contact, t.a_id AS a_id,
       t.a_name AS a_name, t.b_id AS b_id, t.b_name AS b_name
