-- This device's Ed25519 signing key, made on first open. It never leaves this file: it is
-- not synced, not exported, and no command returns it. A replica made after this migration
-- takes its node id from the key's public half (see `replica/identity.rs`).
CREATE TABLE device_key (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    secret    BLOB NOT NULL CHECK (length(secret) = 32)
) STRICT;

-- Whether a log entry holds this replica's own write: only those are pushed, each batch
-- signed by this device. Entries logged before this migration are marked as own and looked
-- at once: a change of another origin among them is skipped then.
ALTER TABLE change_log ADD COLUMN local INTEGER NOT NULL DEFAULT 1;

-- A hub keeps the signed envelopes the devices enrolled with it pushed, exactly as received,
-- with each origin's registration (role, public key, name), to forward upstream unchanged.
CREATE TABLE relay_envelopes (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,   -- never reused: peers acknowledge by it
    digest     BLOB NOT NULL UNIQUE,
    origin     BLOB NOT NULL CHECK (length(origin) = 16),
    role       TEXT NOT NULL,
    public_key BLOB NOT NULL CHECK (length(public_key) = 32),
    name       TEXT NOT NULL,
    envelope   BLOB NOT NULL
) STRICT;
-- How far each peer has acknowledged the kept envelopes.
ALTER TABLE sync_peers ADD COLUMN relayed INTEGER NOT NULL DEFAULT 0;

-- Devices of this commune the server revoked, as told to a staff device on pull: a hub
-- refuses them too.
CREATE TABLE revoked_nodes (
    node BLOB PRIMARY KEY CHECK (length(node) = 16)
) STRICT;

-- Why a peer refused this device's last change to a record, for the person to read on that
-- record; the record itself went back to the peer's version.
CREATE TABLE refusals (
    tbl    TEXT NOT NULL,
    row_id TEXT NOT NULL,
    reason TEXT NOT NULL,   -- a Fluent message id (`reject-…`)
    at     INTEGER NOT NULL, -- UTC ms
    PRIMARY KEY (tbl, row_id)
) STRICT;
