-- A person can be switched off (deactivated) and on again; a session remembers when it
-- was last used, so it can end after a while without use; a one-time link counts the
-- failed attempts to use it, so it cannot be used to try usernames endlessly.
ALTER TABLE users ADD COLUMN deactivated_at_ms BIGINT;
ALTER TABLE sessions ADD COLUMN last_seen_ms BIGINT NOT NULL DEFAULT 0;
ALTER TABLE one_time_links ADD COLUMN failed_attempts INTEGER NOT NULL DEFAULT 0;
CREATE INDEX one_time_links_by_user ON one_time_links (user_id, kind);
-- Sign-in attempts are counted before the password is checked; each row names its
-- attempt, so a refused attempt can take its own rows back.
ALTER TABLE login_failures ADD COLUMN attempt TEXT NOT NULL DEFAULT '';
UPDATE sessions SET last_seen_ms = created_at_ms;
