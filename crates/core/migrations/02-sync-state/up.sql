-- How far this replica has synced with each peer (the central server, a hub): the last entry
-- of its own change log the peer acknowledged, and the peer's cursor it has pulled up to.
-- The pull cursor is written in the same transaction as the changes it covers.
CREATE TABLE sync_peers (
    peer       TEXT PRIMARY KEY,   -- the peer's base URL
    token      TEXT,               -- this device's token there (from enrollment)
    role       TEXT,               -- the role this device enrolled with there
    pushed     INTEGER NOT NULL DEFAULT 0,
    pulled     INTEGER NOT NULL DEFAULT 0,
    last_ok_at INTEGER
) STRICT;

-- Blobs each peer is known to hold (uploaded there, or downloaded from it).
CREATE TABLE blob_peers (
    hash TEXT NOT NULL,
    peer TEXT NOT NULL,
    PRIMARY KEY (hash, peer)
) STRICT;

-- Bytes of a blob received so far, while a download (or an upload, on a server) is under way;
-- an interrupted transfer resumes from here.
CREATE TABLE blob_partials (
    hash TEXT PRIMARY KEY,
    mime TEXT NOT NULL,
    total INTEGER NOT NULL,
    data BLOB NOT NULL
) STRICT;
