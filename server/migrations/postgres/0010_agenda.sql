-- The public agenda link of each organisation: an unguessable token, replaced (and so
-- revoked) when a coordinator makes a new one. Groups and sessions themselves are
-- records (kinds `group` and `session`) owned by '@organisation'.
CREATE TABLE agenda_links (
    org_id TEXT PRIMARY KEY REFERENCES organisations(id),
    token TEXT NOT NULL UNIQUE,
    made_at_ms BIGINT NOT NULL
);
