-- The server's own records, beside the synced data: join codes and enrolled devices.
-- Secrets are kept only as SHA-256 hashes. `IF NOT EXISTS` adopts the tables of servers that
-- made them before migrations existed.
CREATE TABLE IF NOT EXISTS join_codes (
    code_hash  TEXT PRIMARY KEY,
    commune_id TEXT NOT NULL,
    role       TEXT NOT NULL,
    created_at INTEGER NOT NULL DEFAULT (unixepoch()),
    revoked    INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE IF NOT EXISTS devices (
    token_hash  TEXT PRIMARY KEY,
    node        BLOB NOT NULL UNIQUE,
    commune_id  TEXT NOT NULL,
    role        TEXT NOT NULL,
    name        TEXT NOT NULL,
    enrolled_at INTEGER NOT NULL DEFAULT (unixepoch()),
    revoked_at  INTEGER
) STRICT;
