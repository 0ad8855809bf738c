-- The local store. Conventions (see ARCHITECTURE.md, "Change capture"):
-- * Synced entity tables: user columns are nullable (but `deleted`), because a remote change
--   may create a row one column at a time; required fields are enforced on the local write
--   path. `_clock` packs one (HLC, node, seq) per column in schema order.
-- * Synced fact tables: immutable rows with the stamp of their one write.
-- * `change_log` says at which local sequence numbers each row has changes: an entity column
--   is sent at the entry whose seq its clock cell holds, a fact at its one entry.
-- * No foreign keys between synced tables: changes from different paths arrive in any order.

-- This replica: its node id and the next local change sequence number.
CREATE TABLE replica (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    node_id   BLOB NOT NULL CHECK (length(node_id) = 16),
    next_seq  INTEGER NOT NULL,
    last_hlc  INTEGER NOT NULL   -- the newest clock stored, as u64 bits: the clock's floor
) STRICT;

-- Node ids seen in clocks, by a small local number.
CREATE TABLE nodes (
    idx     INTEGER PRIMARY KEY,
    node_id BLOB NOT NULL UNIQUE CHECK (length(node_id) = 16)
) STRICT;

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- Content-addressed bytes (photos, illustrations, narration). Local only: sync moves the
-- bytes separately, and `data` is NULL until they are here.
CREATE TABLE blobs (
    hash TEXT PRIMARY KEY CHECK (length(hash) = 64),
    size INTEGER NOT NULL CHECK (size >= 0),
    mime TEXT NOT NULL,
    data BLOB
) STRICT;

-- The local change log, in the order this replica stored the changes. An entry is removed
-- when no column of its row still holds its seq (a newer write superseded them all).
CREATE TABLE change_log (
    seq    INTEGER PRIMARY KEY,
    tbl    TEXT NOT NULL,
    row_id TEXT NOT NULL
) STRICT;

-- Entities ------------------------------------------------------------------------------

CREATE TABLE communes (
    id TEXT PRIMARY KEY,
    name TEXT, district TEXT, province TEXT,
    deleted INTEGER NOT NULL DEFAULT 0,
    _clock BLOB NOT NULL DEFAULT x''
) STRICT;

CREATE TABLE villages (
    id TEXT PRIMARY KEY,
    commune_id TEXT, name TEXT,
    deleted INTEGER NOT NULL DEFAULT 0,
    _clock BLOB NOT NULL DEFAULT x''
) STRICT;

CREATE TABLE profiles (
    id TEXT PRIMARY KEY,
    commune_id TEXT, village_id TEXT, role TEXT, name TEXT, household TEXT,
    birth_year INTEGER, phone TEXT, avatar TEXT, pin_hash TEXT,
    consent_at INTEGER, consent_version TEXT,
    deleted INTEGER NOT NULL DEFAULT 0,
    _clock BLOB NOT NULL DEFAULT x''
) STRICT;

CREATE TABLE lessons (
    id TEXT PRIMARY KEY,
    slug TEXT, version INTEGER, position INTEGER, topic TEXT, level INTEGER, minutes INTEGER,
    languages TEXT,   -- JSON array of language codes the lesson is written in
    title TEXT,       -- JSON {lang: text}
    summary TEXT,     -- JSON {lang: text}
    steps TEXT,       -- JSON [{blocks: [...]}]
    deleted INTEGER NOT NULL DEFAULT 0,
    _clock BLOB NOT NULL DEFAULT x''
) STRICT;

CREATE TABLE quiz_questions (
    id TEXT PRIMARY KEY,
    lesson_id TEXT, position INTEGER,
    prompt TEXT,      -- JSON {lang: text}
    choices TEXT,     -- JSON [{lang: text}]
    correct INTEGER,  -- index into choices
    explanation TEXT, -- JSON {lang: text}
    deleted INTEGER NOT NULL DEFAULT 0,
    _clock BLOB NOT NULL DEFAULT x''
) STRICT;

CREATE TABLE training_sessions (
    id TEXT PRIMARY KEY,
    commune_id TEXT, village_id TEXT, volunteer_id TEXT, title TEXT, place TEXT,
    starts_at INTEGER, ends_at INTEGER,
    lessons TEXT,     -- JSON array of lesson ids
    skills TEXT,      -- JSON array of basic skills
    deleted INTEGER NOT NULL DEFAULT 0,
    _clock BLOB NOT NULL DEFAULT x''
) STRICT;

CREATE TABLE listings (
    id TEXT PRIMARY KEY,
    commune_id TEXT, owner_id TEXT, name TEXT, ocop_group TEXT, category TEXT,
    description TEXT, story TEXT,
    price_dong INTEGER, unit TEXT, pack_size TEXT,
    quantity INTEGER, made_to_order INTEGER, season TEXT, available_from TEXT,
    ocop_stars INTEGER, ocop_expiry TEXT,
    certifications TEXT, -- JSON array of text
    photos TEXT,         -- JSON array of blob hashes
    status TEXT, contact_phone TEXT, zalo TEXT,
    bank_bin TEXT, bank_account TEXT, bank_holder TEXT,
    deleted INTEGER NOT NULL DEFAULT 0,
    _clock BLOB NOT NULL DEFAULT x''
) STRICT;

CREATE TABLE inquiries (
    id TEXT PRIMARY KEY,
    listing_id TEXT, commune_id TEXT, buyer_name TEXT, buyer_phone TEXT,
    quantity INTEGER, message TEXT, status TEXT, created_at INTEGER,
    deleted INTEGER NOT NULL DEFAULT 0,
    _clock BLOB NOT NULL DEFAULT x''
) STRICT;

-- Facts ---------------------------------------------------------------------------------

CREATE TABLE lesson_progress (
    id TEXT PRIMARY KEY,
    profile_id TEXT NOT NULL, lesson_id TEXT NOT NULL, lesson_version INTEGER NOT NULL,
    kind TEXT NOT NULL,     -- 'step' | 'answer' | 'complete'
    step INTEGER, question_id TEXT, choice INTEGER, correct INTEGER,
    at INTEGER NOT NULL,
    _hlc INTEGER NOT NULL, _origin INTEGER NOT NULL
) STRICT;

CREATE TABLE attendance (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL, profile_id TEXT NOT NULL, marked_by TEXT NOT NULL,
    at INTEGER NOT NULL,
    _hlc INTEGER NOT NULL, _origin INTEGER NOT NULL
) STRICT;

CREATE TABLE skill_checks (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL, profile_id TEXT NOT NULL, skill TEXT NOT NULL,
    checked_by TEXT NOT NULL, at INTEGER NOT NULL,
    _hlc INTEGER NOT NULL, _origin INTEGER NOT NULL
) STRICT;


CREATE INDEX villages_commune ON villages (commune_id);
CREATE INDEX profiles_village ON profiles (village_id);
CREATE INDEX quiz_questions_lesson ON quiz_questions (lesson_id, position);
CREATE INDEX listings_owner ON listings (owner_id);
CREATE INDEX inquiries_listing ON inquiries (listing_id);
CREATE INDEX lesson_progress_profile ON lesson_progress (profile_id, lesson_id);
CREATE INDEX attendance_session ON attendance (session_id);
CREATE INDEX skill_checks_profile ON skill_checks (profile_id);

-- Search over lessons and published listings. The text is folded by the app (lower case,
-- no diacritics, đ → d) before it is indexed and before it is queried. The index keeps no
-- copy of the text; `search_docs` maps its rows back to what they index.
CREATE TABLE search_docs (
    rowid INTEGER PRIMARY KEY,
    kind  TEXT NOT NULL,     -- 'lesson' | 'listing'
    ref   TEXT NOT NULL UNIQUE
) STRICT;

CREATE VIRTUAL TABLE search USING fts5 (
    title, body,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3'
);
-- A match in the title weighs ten times one in the body.
INSERT INTO search (search, rank) VALUES ('rank', 'bm25(10.0, 1.0)');
