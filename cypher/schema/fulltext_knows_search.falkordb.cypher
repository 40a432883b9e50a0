CREATE FULLTEXT INDEX FOR ()-[r:KNOWS]-() ON (r.search_text) OPTIONS {stopwords: [], nostem: true}
