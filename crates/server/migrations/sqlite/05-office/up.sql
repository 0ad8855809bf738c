-- Signing in to the commune office's pages: one-time codes and the sessions they open, kept
-- as hashes. `kind` is 'commune' or 'province'; `scope` the commune's id or the province's
-- name. A code is deleted by its one use; both expire (Unix seconds).
CREATE TABLE office_codes (
    code_hash  TEXT PRIMARY KEY,
    kind       TEXT NOT NULL,
    scope      TEXT NOT NULL,
    expires_at INTEGER NOT NULL
) STRICT;
CREATE TABLE office_sessions (
    token_hash TEXT PRIMARY KEY,
    kind       TEXT NOT NULL,
    scope      TEXT NOT NULL,
    expires_at INTEGER NOT NULL
) STRICT;
