-- Join codes expire and have a use limit; each has a public id to list and revoke it by.
ALTER TABLE join_codes ADD COLUMN id TEXT;
ALTER TABLE join_codes ADD COLUMN expires_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE join_codes ADD COLUMN max_uses INTEGER NOT NULL DEFAULT 1;
ALTER TABLE join_codes ADD COLUMN uses INTEGER NOT NULL DEFAULT 0;
-- Codes made before limits existed get the defaults of today's codes, counted from when
-- they were made: a code three years old is expired.
UPDATE join_codes SET
    id = lower(hex(randomblob(6))),
    expires_at = created_at + 14 * 86400,
    max_uses = CASE role WHEN 'official' THEN 1 WHEN 'volunteer' THEN 10 ELSE 200 END;
CREATE UNIQUE INDEX join_codes_id ON join_codes (id);

-- Photos being uploaded by a device, a chunk at a time; each device has its own, within a
-- quota, and an upload left untouched expires.
CREATE TABLE uploads (
    node       BLOB NOT NULL,
    hash       TEXT NOT NULL,
    mime       TEXT NOT NULL,
    total      INTEGER NOT NULL,
    data       BLOB NOT NULL,
    touched_at INTEGER NOT NULL,
    PRIMARY KEY (node, hash)
) STRICT;
CREATE INDEX uploads_touched ON uploads (touched_at);

-- Which devices brought the bytes of a blob: a device may always fetch what it uploaded.
CREATE TABLE blob_uploaders (
    hash TEXT NOT NULL,
    node BLOB NOT NULL,
    PRIMARY KEY (hash, node)
) STRICT;
