-- What coordinators filter and page on, kept beside each record and written in the
-- same transaction: visits by family, volunteer, date, topic and signal; families by
-- status and volunteer. A list reads these columns and decodes only the page it shows.
CREATE TABLE visit_index (
    org_id TEXT NOT NULL,
    id TEXT NOT NULL,
    family_id TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    visit_date TEXT NOT NULL,
    updated_at_ms BIGINT NOT NULL,
    signal TEXT,
    deleted BIGINT NOT NULL,
    PRIMARY KEY (org_id, id)
);
CREATE INDEX visit_index_newest ON visit_index (org_id, deleted, visit_date, updated_at_ms, id);
CREATE INDEX visit_index_by_family ON visit_index (org_id, family_id, visit_date);
CREATE INDEX visit_index_by_owner ON visit_index (org_id, owner_id, visit_date);

CREATE TABLE visit_topics (
    org_id TEXT NOT NULL,
    visit_id TEXT NOT NULL,
    topic TEXT NOT NULL,
    PRIMARY KEY (org_id, visit_id, topic)
);
CREATE INDEX visit_topics_by_topic ON visit_topics (org_id, topic, visit_id);

CREATE TABLE family_index (
    org_id TEXT NOT NULL,
    id TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    status TEXT NOT NULL,
    deleted BIGINT NOT NULL,
    PRIMARY KEY (org_id, id)
);
CREATE INDEX family_index_by_status ON family_index (org_id, status, owner_id);

INSERT INTO visit_index (org_id, id, family_id, owner_id, visit_date, updated_at_ms, signal, deleted)
SELECT org_id, id, body::jsonb #>> '{visit,family_id}', owner_id, body::jsonb #>> '{visit,date}',
       (body::jsonb #>> '{visit,updated_at_ms}')::BIGINT, body::jsonb #>> '{visit,signal,urgency}', deleted
FROM records WHERE entity = 'visit';

INSERT INTO visit_topics (org_id, visit_id, topic)
SELECT DISTINCT r.org_id, r.id, t.topic FROM records r,
       jsonb_array_elements_text(r.body::jsonb #> '{visit,topics}') AS t(topic)
WHERE r.entity = 'visit';

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
