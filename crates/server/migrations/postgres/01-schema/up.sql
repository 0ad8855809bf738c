-- The PostgreSQL engine's schema, laid out to be distributed by commune with Citus: every
-- synced table carries the commune id first in its key, so that a commune's rows, its log and
-- its counter sit on one node and a device's pull is a single-commune query. The lesson pack
-- is reference data, the same for every commune. See docs/scale.md.

-- Where each commune's log stands (the row '' is the lesson pack's). A push takes its
-- commune's row for update: pushes to one commune take turns, so its log numbers commit in
-- order and a pull never passes a number still being written.
CREATE TABLE log_counters (
    commune_id text PRIMARY KEY,
    seq        bigint NOT NULL
);

-- One column of an entity row: its value (an integer, a text, or neither for NULL) and its
-- clock. `hlc` is the unsigned hybrid logical clock shifted into bigint's range, so that it
-- orders the same. `seq` is the commune's log number of the write that stored it. `audience`
-- narrows villagers' and farmers' pulls in the database: NULL when the whole commune may see
-- the row, else the one device besides the commune's staff that may (the rules still decide).
CREATE TABLE cells (
    commune_id text   NOT NULL,
    tbl        text   NOT NULL,
    row_id     text   NOT NULL,
    col        text   NOT NULL,
    int_value  bigint,
    text_value text,
    hlc        bigint NOT NULL,
    node       uuid   NOT NULL,
    seq        bigint NOT NULL,
    audience   uuid,
    PRIMARY KEY (commune_id, tbl, row_id, col)
);
CREATE INDEX cells_log ON cells (commune_id, seq);

-- Immutable facts (progress, attendance, skill checks): written once, merged as a set.
CREATE TABLE facts (
    commune_id text   NOT NULL,
    tbl        text   NOT NULL,
    row_id     text   NOT NULL,
    vals       jsonb  NOT NULL,
    hlc        bigint NOT NULL,
    node       uuid   NOT NULL,
    seq        bigint NOT NULL,
    audience   uuid,
    PRIMARY KEY (commune_id, tbl, row_id)
);
CREATE INDEX facts_log ON facts (commune_id, seq);

-- The lesson pack's columns: reference data (a Citus reference table).
CREATE TABLE reference_cells (
    tbl        text   NOT NULL,
    row_id     text   NOT NULL,
    col        text   NOT NULL,
    int_value  bigint,
    text_value text,
    hlc        bigint NOT NULL,
    node       uuid   NOT NULL,
    seq        bigint NOT NULL,
    PRIMARY KEY (tbl, row_id, col)
);
CREATE INDEX reference_cells_log ON reference_cells (seq);

-- Pictures, narration and product photos, by SHA-256.
CREATE TABLE blobs (
    hash text  PRIMARY KEY,
    mime text  NOT NULL,
    data bytea NOT NULL
);

-- The server's own records. Secrets are kept only as SHA-256 hashes.
CREATE TABLE join_codes (
    code_hash  text    PRIMARY KEY,
    id         text    NOT NULL UNIQUE,
    commune_id text    NOT NULL,
    role       text    NOT NULL,
    created_at bigint  NOT NULL,
    expires_at bigint  NOT NULL,
    max_uses   integer NOT NULL,
    uses       integer NOT NULL DEFAULT 0,
    revoked    boolean NOT NULL DEFAULT false
);

CREATE TABLE devices (
    node        uuid   PRIMARY KEY,
    token_hash  text   NOT NULL UNIQUE,
    commune_id  text   NOT NULL,
    role        text   NOT NULL,
    name        text   NOT NULL,
    enrolled_at bigint NOT NULL,
    revoked_at  bigint
);

CREATE TABLE uploads (
    node       uuid   NOT NULL,
    hash       text   NOT NULL,
    mime       text   NOT NULL,
    total      bigint NOT NULL,
    data       bytea  NOT NULL,
    touched_at bigint NOT NULL,
    PRIMARY KEY (node, hash)
);
CREATE INDEX uploads_touched ON uploads (touched_at);

CREATE TABLE blob_uploaders (
    hash text NOT NULL,
    node uuid NOT NULL,
    PRIMARY KEY (hash, node)
);
