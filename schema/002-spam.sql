-- 002-spam.sql - responses the committee marks as spam in the admin area.
-- Every report and export query leaves out spam = 1; the scope index
-- carries the flag so that those queries stay index-only.

ALTER TABLE response ADD COLUMN spam INTEGER NOT NULL DEFAULT 0
	CHECK (spam IN (0, 1));
DROP INDEX response_scope;
CREATE INDEX response_scope ON response (form, spam, event, submitted);

PRAGMA user_version = 2;
