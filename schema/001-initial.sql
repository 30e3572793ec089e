-- 001-initial.sql - the first schema: form versions, events, responses,
-- answers and secrets. Applied by store_open() inside one transaction.

-- Each distinct form definition, once, by the hash of its canonical model.
CREATE TABLE form_version (
	id          INTEGER PRIMARY KEY,
	form        TEXT NOT NULL,
	hash        TEXT NOT NULL UNIQUE,
	definition  TEXT NOT NULL,
	first_seen  INTEGER NOT NULL,
	last_seen   INTEGER NOT NULL
) STRICT;
CREATE INDEX form_version_by_form ON form_version (form, last_seen);

CREATE TABLE event (
	id          INTEGER PRIMARY KEY,
	key         TEXT NOT NULL UNIQUE,
	form        TEXT NOT NULL,
	title       TEXT NOT NULL,
	date        TEXT NOT NULL CHECK (date IS date(date, '+0 days')),
	location    TEXT,
	format      TEXT,
	presenter   TEXT,
	attendees   INTEGER CHECK (attendees IS NULL OR attendees >= 0),
	series      TEXT,
	opens       INTEGER,
	closes      INTEGER,
	created     INTEGER NOT NULL
) STRICT;
CREATE INDEX event_by_form ON event (form, date);

-- One row per stored submission. No respondent address is kept.
CREATE TABLE response (
	id          INTEGER PRIMARY KEY,
	form        TEXT NOT NULL,
	version     INTEGER NOT NULL REFERENCES form_version (id),
	event       INTEGER REFERENCES event (id),
	submitted   INTEGER NOT NULL,
	token       TEXT UNIQUE
) STRICT;
CREATE INDEX response_scope ON response (form, event, submitted);

-- One row per answer (a multi: one row per ticked code); exactly one of
-- code, num, text is set. Clustered by response, so that a report reads
-- the answers of the responses in scope in order.
CREATE TABLE answer (
	response    INTEGER NOT NULL REFERENCES response (id) ON DELETE CASCADE,
	seq         INTEGER NOT NULL,
	key         TEXT NOT NULL,
	code        TEXT,
	num         REAL,
	text        TEXT,
	PRIMARY KEY (response, seq),
	CHECK ((code IS NOT NULL) + (num IS NOT NULL) + (text IS NOT NULL) = 1)
) STRICT, WITHOUT ROWID;

-- Named random secrets (form-token signing key, ...).
CREATE TABLE secret (
	name        TEXT PRIMARY KEY,
	value       BLOB NOT NULL
) STRICT;

PRAGMA user_version = 1;
