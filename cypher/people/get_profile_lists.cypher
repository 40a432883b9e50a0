MATCH (p:Person {id: $id})
OPTIONAL MATCH (p)-[w:WORKS_AT]->(o:Organisation)
WITH p, collect(CASE WHEN o IS NULL THEN null ELSE
  {id: w.id, organisation_id: o.id, organisation: o.name, title: w.title, department: w.department,
   start: w.start, end: w.end} END) AS positions
OPTIONAL MATCH (p)-[e:STUDIED_AT]->(s:Organisation)
WITH p, positions, collect(CASE WHEN s IS NULL THEN null ELSE
  {id: e.id, school_id: s.id, school: s.name, start: e.start, end: e.end} END) AS education
OPTIONAL MATCH (r:Person)-[:REPORTS_TO]->(p)
RETURN positions, education,
       collect(CASE WHEN r IS NULL THEN null ELSE {id: r.id, name: r.name, title: r.title} END) AS reports
