-- The conversation catalogue of each organisation: prompts and picture stories as JSON
-- bodies, the catalogue version (-1 until the starter catalogue is copied in, then
-- bumped by every change), and the pictures coordinators upload.
ALTER TABLE organisations ADD COLUMN catalogue_version INTEGER NOT NULL DEFAULT -1;

CREATE TABLE catalogue_items (
    org_id TEXT NOT NULL REFERENCES organisations(id),
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    position INTEGER NOT NULL,
    version INTEGER NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (org_id, kind, id)
);

CREATE TABLE pictures (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organisations(id),
    content_type TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    bytes BLOB NOT NULL,
    created_by TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL
);
CREATE INDEX pictures_by_org ON pictures (org_id);
