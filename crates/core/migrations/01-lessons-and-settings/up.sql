-- Device settings (language, ...): one row per key.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- Published lessons: read-only on devices, replaced whole when a newer version arrives.
CREATE TABLE lessons (
    id       TEXT PRIMARY KEY,          -- UUIDv7 made by the author's machine
    slug     TEXT NOT NULL UNIQUE,
    version  INTEGER NOT NULL CHECK (version > 0),
    position INTEGER NOT NULL,          -- order in the catalogue
    topic    TEXT NOT NULL,
    level    INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),
    minutes  INTEGER NOT NULL CHECK (minutes > 0)
) STRICT;

CREATE TABLE lesson_texts (
    lesson_id TEXT NOT NULL REFERENCES lessons (id) ON DELETE CASCADE,
    lang      TEXT NOT NULL,
    title     TEXT NOT NULL,
    summary   TEXT NOT NULL,
    PRIMARY KEY (lesson_id, lang)
) STRICT;

CREATE TABLE lesson_steps (
    lesson_id TEXT NOT NULL REFERENCES lessons (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    lang      TEXT NOT NULL,
    body      TEXT NOT NULL,
    PRIMARY KEY (lesson_id, position, lang)
) STRICT;
