-- The text search's trigram index (pg_trgm is a trusted extension: the database's
-- owner may create it). A deleted visit keeps no words.
UPDATE visit_index SET search_text = '' WHERE deleted = 1;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX visit_index_words ON visit_index USING gin (search_text gin_trgm_ops);
