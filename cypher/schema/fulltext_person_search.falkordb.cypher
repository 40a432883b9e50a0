CALL db.idx.fulltext.createNodeIndex({label: 'Person', stopwords: []}, {field: 'search_text', nostem: true})
