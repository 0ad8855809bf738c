-- How far this replica has synced with each peer (the central server, a hub): the last entry
-- of its own change log the peer acknowledged, and the peer's cursor it has pulled up to.
-- The pull cursor is written in the same transaction as the changes it covers.
CREATE TABLE sync_peers (
    peer       TEXT PRIMARY KEY,   -- the peer's base URL
    token      TEXT,               -- this device's token there (from enrollment)
    pushed     INTEGER NOT NULL DEFAULT 0,
    pulled     INTEGER NOT NULL DEFAULT 0,
    last_ok_at INTEGER
) STRICT;
