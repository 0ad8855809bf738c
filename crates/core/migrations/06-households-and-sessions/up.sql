-- Households: the commune counts households, not only people (the Ministry's target is a
-- household with at least one member who has all five basic skills). A household is its
-- head's name and a house number or hamlet; `profiles.household` now names one by id.
CREATE TABLE households (
    id TEXT PRIMARY KEY,
    commune_id TEXT, village_id TEXT, head_name TEXT, address TEXT,
    deleted INTEGER NOT NULL DEFAULT 0,
    _clock BLOB NOT NULL DEFAULT x''
) STRICT;
CREATE INDEX households_village ON households (village_id);
CREATE INDEX profiles_household ON profiles (household);
CREATE INDEX profiles_commune ON profiles (commune_id);

-- A cancelled session stays listed, with why; nothing more can be recorded at it.
ALTER TABLE training_sessions ADD COLUMN cancelled_at INTEGER;
ALTER TABLE training_sessions ADD COLUMN cancel_reason TEXT;

-- Attendance and skill checks are facts, so a correction is a newer fact: the latest
-- (`at`, then `_hlc`) for a person at a session (and a skill) holds. NULL, in facts written
-- before this migration, reads as 'present' and as checked.
ALTER TABLE attendance ADD COLUMN status TEXT;   -- 'listed' | 'present' | 'late' | 'absent'
ALTER TABLE skill_checks ADD COLUMN checked INTEGER;  -- 1 checked, 0 taken back
CREATE INDEX attendance_profile ON attendance (profile_id);
CREATE INDEX skill_checks_session ON skill_checks (session_id, profile_id);
CREATE INDEX lesson_progress_lesson ON lesson_progress (lesson_id, kind);
-- Who learnt on their phones during a session (the hub's live roster).
CREATE INDEX lesson_progress_at ON lesson_progress (at);
