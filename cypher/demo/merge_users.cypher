UNWIND $rows AS row
MERGE (u:User {id: row.user.id})
  ON CREATE SET u = row.user
MERGE (p:Person {id: row.person.id})
  ON CREATE SET p = row.person
MERGE (u)-[:IS_PERSON]->(p)
RETURN count(u) AS merged
