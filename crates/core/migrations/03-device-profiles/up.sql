-- The profiles used on this device, shown on its start screen, with each one's display
-- preferences (a shared phone: grandmother wants large text, her grandson does not).
-- Local only: not synced, and a deleted profile's row goes with it.
CREATE TABLE device_profiles (
    profile_id    TEXT PRIMARY KEY,
    last_used_at  INTEGER NOT NULL,
    text_size     INTEGER NOT NULL DEFAULT 0 CHECK (text_size BETWEEN 0 AND 2),
    high_contrast INTEGER NOT NULL DEFAULT 0 CHECK (high_contrast IN (0, 1))
) STRICT;
