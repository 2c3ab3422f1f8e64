-- The text search's trigram index: each visit's words in an FTS5 table, keyed by a
-- stable integer per visit (a plain rowid could change on VACUUM). A deleted visit
-- keeps no words.
UPDATE visit_index SET search_text = '' WHERE deleted = 1;
CREATE TABLE visit_word_keys (
    key INTEGER PRIMARY KEY,
    org_id TEXT NOT NULL,
    visit_id TEXT NOT NULL,
    UNIQUE (org_id, visit_id)
);
CREATE VIRTUAL TABLE visit_words USING fts5(search_text, tokenize = 'trigram');
INSERT INTO visit_word_keys (org_id, visit_id) SELECT org_id, id FROM visit_index;
INSERT INTO visit_words (rowid, search_text)
SELECT k.key, i.search_text FROM visit_word_keys k
JOIN visit_index i ON i.org_id = k.org_id AND i.id = k.visit_id
WHERE i.search_text <> '';
