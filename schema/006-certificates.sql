-- 006-certificates.sql - certificates of attendance. An event may offer
-- one (event_certificate: its contact hours, in minutes so that tenths
-- and quarters of an hour stay exact). A certificate row has no link to
-- any response: answers stay anonymous. It is keyed by its random code
-- (WITHOUT ROWID: rows are not kept in the order they were issued) and
-- its issued time is the UTC day only, so that it cannot be matched to
-- a response's submitted time.

CREATE TABLE event_certificate (
	event       INTEGER PRIMARY KEY REFERENCES event (id) ON DELETE CASCADE,
	minutes     INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 6000)
) STRICT;

CREATE TABLE certificate (
	code        TEXT PRIMARY KEY,
	event       INTEGER NOT NULL REFERENCES event (id),
	name        TEXT NOT NULL,
	minutes     INTEGER NOT NULL CHECK (minutes > 0),
	issued      INTEGER NOT NULL,
	revoked     INTEGER
) STRICT, WITHOUT ROWID;
CREATE INDEX certificate_by_event ON certificate (event, issued);

-- The right of one submission to a few certificates within a day: keyed
-- by a keyed hash of the submission's form token (the grant, never the
-- certificate, knows it), with the uses left. Expired rows are deleted
-- whenever a certificate is issued.
CREATE TABLE certificate_grant (
	token_hash  TEXT PRIMARY KEY,
	uses_left   INTEGER NOT NULL CHECK (uses_left >= 0),
	expires     INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

PRAGMA user_version = 6;
