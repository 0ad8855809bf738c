-- Each device has the public key its signed batches are checked against. A device a hub
-- enrolled is registered by the first batch of it the hub forwards: it has no token here
-- until it enrolls here itself, and `registered_by` names the hub.
ALTER TABLE devices ALTER COLUMN token_hash DROP NOT NULL;
ALTER TABLE devices ADD COLUMN public_key bytea CHECK (public_key IS NULL OR length(public_key) = 32);
ALTER TABLE devices ADD COLUMN registered_by uuid;
CREATE INDEX devices_commune ON devices (commune_id);
