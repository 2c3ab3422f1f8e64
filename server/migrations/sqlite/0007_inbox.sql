-- The coordinator's inbox. Each coordinator's own state of each visit: when she opened
-- it (read) and when she marked it reviewed, an explicit act.
CREATE TABLE visit_reviews (
    org_id TEXT NOT NULL,
    coordinator_id TEXT NOT NULL,
    visit_id TEXT NOT NULL,
    read_at_ms INTEGER,
    reviewed_at_ms INTEGER,
    PRIMARY KEY (org_id, coordinator_id, visit_id)
);
-- Her count of reviewed visits, and the marks of a visit being deleted.
CREATE INDEX visit_reviews_reviewed ON visit_reviews (org_id, coordinator_id, reviewed_at_ms);
CREATE INDEX visit_reviews_by_visit ON visit_reviews (org_id, visit_id);
-- The visits with a signal of concern, for the count of those waiting.
CREATE INDEX visit_index_signals ON visit_index (org_id, deleted) WHERE signal IS NOT NULL;

-- A visit's own words in lower case, for the inbox's text search (written with the
-- record, like the other typed columns).
ALTER TABLE visit_index ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
UPDATE visit_index SET search_text = COALESCE((
    SELECT lower(COALESCE(json_extract(body, '$.visit.own_question'), '') || ' ' || COALESCE(json_extract(body, '$.visit.chosen_to_try'), '') || ' ' || COALESCE(json_extract(body, '$.visit.agreements'), '') || ' ' || COALESCE(json_extract(body, '$.visit.note'), '') || ' ' || COALESCE(json_extract(body, '$.visit.signal.text'), ''))
    FROM records WHERE records.org_id = visit_index.org_id AND records.entity = 'visit' AND records.id = visit_index.id
), '');
