-- Devices are keyed by node, and each has the public key its signed batches are checked
-- against. A device a hub enrolled is registered by the first batch of it the hub forwards:
-- it has no token here until it enrolls here itself, and `registered_by` names the hub.
CREATE TABLE devices_by_node (
    node          BLOB PRIMARY KEY,
    token_hash    TEXT UNIQUE,
    public_key    BLOB CHECK (public_key IS NULL OR length(public_key) = 32),
    commune_id    TEXT NOT NULL,
    role          TEXT NOT NULL,
    name          TEXT NOT NULL,
    enrolled_at   INTEGER NOT NULL DEFAULT (unixepoch()),
    revoked_at    INTEGER,
    registered_by BLOB
) STRICT;
INSERT INTO devices_by_node (node, token_hash, commune_id, role, name, enrolled_at, revoked_at)
    SELECT node, token_hash, commune_id, role, name, enrolled_at, revoked_at FROM devices;
DROP TABLE devices;
ALTER TABLE devices_by_node RENAME TO devices;
CREATE INDEX devices_commune ON devices (commune_id);
