-- What coordinators filter and page on, kept beside each record and written in the
-- same transaction: visits by family, volunteer, date, topics (one bit each, see
-- `index::topic_bit`) and signal; families by status and volunteer. A list reads
-- these columns and decodes only the page it shows.
CREATE TABLE visit_index (
    org_id TEXT NOT NULL,
    id TEXT NOT NULL,
    family_id TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    visit_date TEXT NOT NULL,
    updated_at_ms BIGINT NOT NULL,
    signal TEXT,
    topics BIGINT NOT NULL,
    deleted BIGINT NOT NULL,
    PRIMARY KEY (org_id, id)
);
CREATE INDEX visit_index_newest ON visit_index (org_id, deleted, visit_date, updated_at_ms, id);
CREATE INDEX visit_index_by_family ON visit_index (org_id, family_id, visit_date);
CREATE INDEX visit_index_by_owner ON visit_index (org_id, owner_id, visit_date);

CREATE TABLE family_index (
    org_id TEXT NOT NULL,
    id TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    status TEXT NOT NULL,
    deleted BIGINT NOT NULL,
    PRIMARY KEY (org_id, id)
);
CREATE INDEX family_index_by_status ON family_index (org_id, status, owner_id);

INSERT INTO visit_index (org_id, id, family_id, owner_id, visit_date, updated_at_ms, signal, topics, deleted)
SELECT org_id, id, body::jsonb #>> '{visit,family_id}', owner_id, body::jsonb #>> '{visit,date}',
       (body::jsonb #>> '{visit,updated_at_ms}')::BIGINT, body::jsonb #>> '{visit,signal,urgency}',
       (SELECT COALESCE(SUM(DISTINCT CASE t.topic WHEN 'pregnancy' THEN 1 WHEN 'feeding' THEN 2 WHEN 'crying' THEN 4 WHEN 'sleep' THEN 8 WHEN 'rhythm' THEN 16 WHEN 'development' THEN 32 WHEN 'play_reading' THEN 64 WHEN 'own_time' THEN 128 WHEN 'wellbeing' THEN 256 WHEN 'health' THEN 512 WHEN 'network' THEN 1024 WHEN 'services' THEN 2048 ELSE 0 END), 0)::BIGINT
        FROM jsonb_array_elements_text(records.body::jsonb #> '{visit,topics}') AS t(topic)),
       deleted
FROM records WHERE entity = 'visit';

INSERT INTO family_index (org_id, id, owner_id, status, deleted)
SELECT org_id, id, owner_id, body::jsonb #>> '{family,status}', deleted
FROM records WHERE entity = 'family';

-- A record whose audience changed (a family handed to another volunteer, with its
-- visits): its former owner's next pull says "no longer yours" at this change number,
-- with no content.
CREATE TABLE record_handovers (
    org_id TEXT NOT NULL,
    former_owner TEXT NOT NULL,
    entity TEXT NOT NULL,
    id TEXT NOT NULL,
    seq BIGINT NOT NULL,
    PRIMARY KEY (org_id, former_owner, entity, id)
);
CREATE INDEX record_handovers_by_seq ON record_handovers (org_id, former_owner, seq);
