-- 0003_event_details: the cue word of each event and how many times the article states it.
ALTER TABLE events ADD COLUMN cue VARCHAR;
ALTER TABLE events ADD COLUMN cue_start INTEGER;
ALTER TABLE events ADD COLUMN mentions INTEGER;
