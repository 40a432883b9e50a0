CALL db.idx.fulltext.createNodeIndex({label: 'Organisation', stopwords: []}, {field: 'search_text', nostem: true})
