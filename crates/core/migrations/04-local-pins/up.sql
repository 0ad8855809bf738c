-- A profile's PIN guards it on this device only, so its hash lives here and never syncs:
-- a hash of four digits is opened by 10,000 guesses. Wrong PINs in a row and the time until
-- which the profile must wait (UTC ms) are kept here too, so that a restart does not reset
-- them.
ALTER TABLE device_profiles ADD COLUMN pin_hash TEXT;
ALTER TABLE device_profiles ADD COLUMN wrong_pins INTEGER NOT NULL DEFAULT 0 CHECK (wrong_pins >= 0);
ALTER TABLE device_profiles ADD COLUMN pin_wait_until INTEGER;

-- The hashes of the profiles on this device's start screen move here. `Store::open` then
-- erases every hash from the synced column as a change, so the erasure reaches every replica.
UPDATE device_profiles
SET pin_hash = (SELECT p.pin_hash FROM profiles p WHERE p.id = device_profiles.profile_id);
