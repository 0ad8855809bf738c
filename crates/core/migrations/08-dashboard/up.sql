-- The share of households the commune aims to bring to the Ministry's target (at least one
-- member with all five basic skills), in percent, set by its officials. NULL: none set.
ALTER TABLE communes ADD COLUMN household_target INTEGER;

-- The dashboard counts by commune and by village: these keep each count to the commune's
-- own rows instead of a scan of every commune a server holds.
CREATE INDEX households_commune ON households (commune_id);
CREATE INDEX training_sessions_commune ON training_sessions (commune_id);
CREATE INDEX listings_commune ON listings (commune_id);
CREATE INDEX inquiries_commune ON inquiries (commune_id);
-- Completions are a small part of the progress facts; counting them reads only them.
CREATE INDEX lesson_progress_kind ON lesson_progress (kind, profile_id, lesson_id, at);
-- "Learnt in the last 30 days" asks each person for one recent fact.
CREATE INDEX lesson_progress_profile_at ON lesson_progress (profile_id, at);
