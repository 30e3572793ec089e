-- 010-follow-up.sql - the committee area's follow-up list: which
-- responses that asked to be contacted (or offered to present or mentor)
-- have been dealt with, when and by whom. A response's row goes with it.

CREATE TABLE follow_up (
	response    INTEGER PRIMARY KEY REFERENCES response (id)
	            ON DELETE CASCADE,
	done        INTEGER NOT NULL,
	done_by     TEXT NOT NULL
) STRICT;

PRAGMA user_version = 10;
