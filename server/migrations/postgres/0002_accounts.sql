-- People and their sessions, one-time links (first coordinator, invites, password
-- resets), failed logins (rate limiting across server instances), the audit log, and
-- the owner of each synced record (the volunteer whose diary it belongs to).
CREATE TABLE users (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organisations(id),
    role TEXT NOT NULL,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at_ms BIGINT NOT NULL
);
CREATE INDEX users_by_org ON users (org_id);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    csrf TEXT NOT NULL,
    created_at_ms BIGINT NOT NULL,
    expires_at_ms BIGINT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE one_time_links (
    code_hash TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    org_id TEXT,
    role TEXT,
    user_id TEXT,
    created_by TEXT,
    created_at_ms BIGINT NOT NULL,
    expires_at_ms BIGINT NOT NULL,
    used_at_ms BIGINT
);

CREATE TABLE login_failures (
    key TEXT NOT NULL,
    at_ms BIGINT NOT NULL
);
CREATE INDEX login_failures_by_key ON login_failures (key, at_ms);

CREATE TABLE audit_log (
    id BIGSERIAL PRIMARY KEY,
    at_ms BIGINT NOT NULL,
    user_id TEXT NOT NULL,
    org_id TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    record_id TEXT NOT NULL
);
CREATE INDEX audit_by_record ON audit_log (org_id, entity, record_id);

ALTER TABLE records ADD COLUMN owner_id TEXT NOT NULL DEFAULT '';
CREATE INDEX records_by_owner ON records (org_id, owner_id, seq);
