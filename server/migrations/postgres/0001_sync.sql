-- The sync store: organisations with their change counter, the current state of every
-- synced record, every accepted version (history), the per-organisation change feed,
-- and the mutations already applied (so a retried push changes nothing twice).
CREATE TABLE organisations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    change_counter BIGINT NOT NULL DEFAULT 0,
    created_at_ms BIGINT NOT NULL
);

CREATE TABLE records (
    org_id TEXT NOT NULL REFERENCES organisations(id),
    entity TEXT NOT NULL,
    id TEXT NOT NULL,
    version BIGINT NOT NULL,
    seq BIGINT NOT NULL,
    deleted BIGINT NOT NULL,
    device_id TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (org_id, entity, id)
);

CREATE TABLE record_versions (
    org_id TEXT NOT NULL,
    entity TEXT NOT NULL,
    id TEXT NOT NULL,
    version BIGINT NOT NULL,
    seq BIGINT NOT NULL,
    mutation_id TEXT NOT NULL,
    deleted BIGINT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (org_id, entity, id, version)
);

CREATE UNIQUE INDEX records_by_seq ON records (org_id, seq);

CREATE TABLE applied_mutations (
    mutation_id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL,
    entity TEXT NOT NULL,
    record_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    version BIGINT NOT NULL,
    seq BIGINT NOT NULL,
    body TEXT NOT NULL,
    applied_at_ms BIGINT NOT NULL
);

-- A device's queued edits build on its own previous edit of the same record.
CREATE INDEX applied_by_device ON applied_mutations (org_id, entity, record_id, device_id, seq);
