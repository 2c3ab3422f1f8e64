-- Families coming in through the coordinator. The family itself is a record (kind
-- `family`), owned by '@intake' until it is matched, by its volunteer while matched and
-- by '@ended' once its support ended. Beside it, only coordinators read: what was said
-- at intake, every matching with its end, volunteers' profiles and supervision notes.
CREATE TABLE intakes (
    org_id TEXT NOT NULL REFERENCES organisations(id),
    family_id TEXT NOT NULL,
    referrer TEXT NOT NULL,
    preference TEXT NOT NULL,
    area TEXT NOT NULL,
    support_question TEXT NOT NULL,
    registered_on TEXT NOT NULL,
    added_by_volunteer INTEGER NOT NULL,
    version BIGINT NOT NULL,
    PRIMARY KEY (org_id, family_id)
);

CREATE TABLE matches (
    org_id TEXT NOT NULL REFERENCES organisations(id),
    id TEXT NOT NULL,
    family_id TEXT NOT NULL,
    volunteer_id TEXT NOT NULL,
    started_on TEXT NOT NULL,
    ended_on TEXT,
    end_reason TEXT,
    evaluation TEXT,
    made_by TEXT NOT NULL,
    PRIMARY KEY (org_id, id)
);
CREATE INDEX matches_by_family ON matches (org_id, family_id, started_on);
CREATE INDEX matches_by_volunteer ON matches (org_id, volunteer_id, ended_on);

CREATE TABLE volunteer_profiles (
    org_id TEXT NOT NULL REFERENCES organisations(id),
    user_id TEXT NOT NULL,
    languages TEXT NOT NULL,
    area TEXT NOT NULL,
    capacity INTEGER NOT NULL,
    paused INTEGER NOT NULL,
    started_on TEXT,
    version BIGINT NOT NULL,
    PRIMARY KEY (org_id, user_id)
);

CREATE TABLE supervision_notes (
    org_id TEXT NOT NULL REFERENCES organisations(id),
    id TEXT NOT NULL,
    volunteer_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    held_on TEXT NOT NULL,
    topics TEXT NOT NULL,
    note TEXT NOT NULL,
    author_id TEXT NOT NULL,
    written_at_ms BIGINT NOT NULL,
    PRIMARY KEY (org_id, id)
);
CREATE INDEX supervision_by_volunteer ON supervision_notes (org_id, volunteer_id, held_on);
