-- The words of each case (subject, description, messages, notes) in the search form the domain
-- makes (`ccms_domain::search::Words`), separated by single spaces. FTS5 indexes them with its
-- `ascii` tokenizer, which splits only at ASCII spaces and punctuation (the words hold none)
-- and keeps every other character: each stored word is one token, as on PostgreSQL.
CREATE TABLE complaint_search (
    doc integer PRIMARY KEY AUTOINCREMENT,
    complaint_id TEXT NOT NULL UNIQUE REFERENCES complaints (id),
    words TEXT NOT NULL
);
CREATE VIRTUAL TABLE complaint_search_fts USING fts5(
    words, content = 'complaint_search', content_rowid = 'doc', tokenize = 'ascii'
);
CREATE TRIGGER complaint_search_added AFTER INSERT ON complaint_search BEGIN
    INSERT INTO complaint_search_fts (rowid, words) VALUES (new.doc, new.words);
END;
CREATE TRIGGER complaint_search_removed AFTER DELETE ON complaint_search BEGIN
    INSERT INTO complaint_search_fts (complaint_search_fts, rowid, words)
        VALUES ('delete', old.doc, old.words);
END;
CREATE TRIGGER complaint_search_changed AFTER UPDATE ON complaint_search BEGIN
    INSERT INTO complaint_search_fts (complaint_search_fts, rowid, words)
        VALUES ('delete', old.doc, old.words);
    INSERT INTO complaint_search_fts (rowid, words) VALUES (new.doc, new.words);
END;
-- Staff find a case by the complainant's phone number.
CREATE INDEX complaints_phone ON complaints (consumer_phone, id);
