CREATE INDEX organisation_name IF NOT EXISTS FOR (n:Organisation) ON (n.name)
