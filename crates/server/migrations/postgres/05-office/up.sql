-- Signing in to the commune office's pages: one-time codes and the sessions they open, kept
-- as hashes. `kind` is 'commune' or 'province'; `scope` the commune's id or the province's
-- name. A code is deleted by its one use; both expire (Unix seconds).
CREATE TABLE office_codes (
    code_hash  text PRIMARY KEY,
    kind       text NOT NULL,
    scope      text NOT NULL,
    expires_at bigint NOT NULL
);
CREATE TABLE office_sessions (
    token_hash text PRIMARY KEY,
    kind       text NOT NULL,
    scope      text NOT NULL,
    expires_at bigint NOT NULL
);
