-- Coordinators' replies on visits: the record (kind `feedback`) lives in `records`;
-- these typed columns say per reply whether the volunteer read and answered it, and
-- whether a coordinator has seen her answer.
CREATE TABLE feedback_index (
    org_id TEXT NOT NULL,
    id TEXT NOT NULL,
    visit_id TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    replied_at_ms INTEGER NOT NULL,
    read_at_ms INTEGER,
    answered_at_ms INTEGER,
    answer_seen_at_ms INTEGER,
    PRIMARY KEY (org_id, id)
);
CREATE INDEX feedback_index_by_visit ON feedback_index (org_id, visit_id, replied_at_ms);
CREATE INDEX feedback_index_unseen ON feedback_index (org_id, answer_seen_at_ms) WHERE answered_at_ms IS NOT NULL;

-- The coordinators' handling of each visit's signal of concern, with their private
-- note; only what the volunteer may know goes to her phone (kind `signal_status`).
-- `version` makes two coordinators' simultaneous edits a conflict, not an overwrite.
CREATE TABLE signal_triage (
    org_id TEXT NOT NULL,
    visit_id TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    family_id TEXT NOT NULL,
    state TEXT NOT NULL,
    urgency TEXT NOT NULL,
    action TEXT,
    note TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL,
    raised_at_ms INTEGER NOT NULL,
    acknowledged_at_ms INTEGER,
    acknowledged_by TEXT,
    resolved_at_ms INTEGER,
    resolved_by TEXT,
    withdrawn INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (org_id, visit_id)
);
CREATE INDEX signal_triage_open ON signal_triage (org_id, state, withdrawn);

INSERT INTO signal_triage (org_id, visit_id, owner_id, family_id, state, urgency, version, raised_at_ms)
SELECT org_id, id, owner_id, family_id, 'new', signal, 1, updated_at_ms
FROM visit_index WHERE signal IS NOT NULL AND deleted = 0;

-- The family's consent to share visit notes with the coordinator.
ALTER TABLE family_index ADD COLUMN shares_notes INTEGER NOT NULL DEFAULT 0;
UPDATE family_index SET shares_notes = COALESCE((
    SELECT CASE json_extract(body, '$.family.shares_notes') WHEN 1 THEN 1 ELSE 0 END
    FROM records WHERE records.org_id = family_index.org_id AND records.entity = 'family' AND records.id = family_index.id
), 0);
