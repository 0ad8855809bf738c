-- Low-literacy mode: the person wants everything read aloud (1) or not (0, NULL). Kept on
-- the profile, so that a volunteer can switch it on at registration and the person's own
-- phone knows it too.
ALTER TABLE profiles ADD COLUMN read_aloud INTEGER;

-- Each quiz question's spoken files: {"question": {lang: blob hash}, "choices": [{lang:
-- hash}], "explanation": {lang: hash}}. NULL for a question synced from an older pack.
ALTER TABLE quiz_questions ADD COLUMN narration TEXT;

-- A profile made on a phone that has not joined a commune has no commune and village yet:
-- the start screen and the sync hold find such profiles here.
CREATE INDEX profiles_unplaced ON profiles (id) WHERE commune_id IS NULL AND deleted = 0;
