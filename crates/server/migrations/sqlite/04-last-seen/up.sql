-- When each device last pulled everything, and the app version it said it runs: what a
-- commune's officials see in the app's device list. Written at most every few minutes per
-- device, or when the version changes.
ALTER TABLE devices ADD COLUMN last_seen_at INTEGER;
ALTER TABLE devices ADD COLUMN app_version TEXT;
