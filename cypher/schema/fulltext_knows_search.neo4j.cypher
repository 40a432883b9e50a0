CREATE FULLTEXT INDEX knows_search IF NOT EXISTS FOR ()-[r:KNOWS]-() ON EACH [r.search_text]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}
