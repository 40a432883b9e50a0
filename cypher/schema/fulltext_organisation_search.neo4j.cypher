CREATE FULLTEXT INDEX organisation_search IF NOT EXISTS FOR (n:Organisation) ON EACH [n.search_text]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}
