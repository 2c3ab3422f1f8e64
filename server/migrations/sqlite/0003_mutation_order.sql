-- When each applied mutation was made on its device, so a request delivered out of
-- order (an older edit arriving after a newer one of the same device and record) does
-- not overwrite the newer edit.
ALTER TABLE applied_mutations ADD COLUMN made_at_ms BIGINT NOT NULL DEFAULT 0;
