-- The share of households the commune aims to bring to the Ministry's target (at least one
-- member with all five basic skills), in percent, set by its officials. NULL: none set.
ALTER TABLE communes ADD COLUMN household_target INTEGER;

-- The dashboard counts by commune and by village: these keep each count to the commune's
-- own rows instead of a scan of every commune a server holds.
CREATE INDEX households_commune ON households (commune_id);
CREATE INDEX training_sessions_commune ON training_sessions (commune_id);
CREATE INDEX listings_commune ON listings (commune_id);
CREATE INDEX inquiries_commune ON inquiries (commune_id);

-- The mark that holds for each person at each session, and the check that holds for each
-- person, session and skill: the latest fact (by its clock, then its id), kept by the row hook
-- as facts arrive (`training/current.rs`), local and never synced. Every screen, report and
-- the dashboard read these instead of finding the latest among all the facts each time.
CREATE TABLE attendance_current (
    session_id TEXT NOT NULL,
    profile_id TEXT NOT NULL,
    status     TEXT NOT NULL,
    at         INTEGER NOT NULL,
    _hlc       INTEGER NOT NULL,
    fact_id    TEXT NOT NULL,
    PRIMARY KEY (session_id, profile_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX attendance_current_profile ON attendance_current (profile_id);
CREATE TABLE skill_current (
    session_id TEXT NOT NULL,
    profile_id TEXT NOT NULL,
    skill      TEXT NOT NULL,
    checked    INTEGER NOT NULL,
    at         INTEGER NOT NULL,
    _hlc       INTEGER NOT NULL,
    fact_id    TEXT NOT NULL,
    PRIMARY KEY (session_id, profile_id, skill)
) STRICT, WITHOUT ROWID;
CREATE INDEX skill_current_profile ON skill_current (profile_id);
INSERT INTO attendance_current (session_id, profile_id, status, at, _hlc, fact_id)
    SELECT a.session_id, a.profile_id, coalesce(a.status, 'present'), a.at, a._hlc, a.id FROM attendance a
    WHERE NOT EXISTS (SELECT 1 FROM attendance n WHERE n.session_id = a.session_id AND n.profile_id = a.profile_id
                        AND (n._hlc, n.id) > (a._hlc, a.id));
INSERT INTO skill_current (session_id, profile_id, skill, checked, at, _hlc, fact_id)
    SELECT k.session_id, k.profile_id, k.skill, coalesce(k.checked, 1), k.at, k._hlc, k.id FROM skill_checks k
    WHERE NOT EXISTS (SELECT 1 FROM skill_checks n WHERE n.session_id = k.session_id AND n.profile_id = k.profile_id
                        AND n.skill = k.skill AND (n._hlc, n.id) > (k._hlc, k.id));

-- What the dashboard reads of a million progress facts, kept by the row hook as facts arrive
-- (`dashboard/learning.rs`), local and never synced: when each person last learnt, when each
-- first finished each lesson (with the month, in Vietnam time), and how many lessons each
-- first finished in each month. Filled here from the facts already held.
CREATE TABLE learner_activity (
    profile_id TEXT PRIMARY KEY,
    last_at    INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE TABLE lesson_completions (
    profile_id  TEXT NOT NULL,
    lesson_id   TEXT NOT NULL,
    first_at    INTEGER NOT NULL,
    first_month TEXT NOT NULL,
    PRIMARY KEY (profile_id, lesson_id)
) STRICT, WITHOUT ROWID;
INSERT INTO learner_activity (profile_id, last_at)
    SELECT profile_id, max(at) FROM lesson_progress GROUP BY profile_id;
INSERT INTO lesson_completions (profile_id, lesson_id, first_at, first_month)
    SELECT profile_id, lesson_id, min(at), strftime('%Y-%m', min(at) / 1000 + 25200, 'unixepoch')
    FROM lesson_progress WHERE kind = 'complete' GROUP BY profile_id, lesson_id;
CREATE TABLE learner_months (
    profile_id TEXT NOT NULL,
    month      TEXT NOT NULL,
    lessons    INTEGER NOT NULL,
    PRIMARY KEY (profile_id, month)
) STRICT, WITHOUT ROWID;
INSERT INTO learner_months (profile_id, month, lessons)
    SELECT profile_id, first_month, count(*) FROM lesson_completions GROUP BY profile_id, first_month;
