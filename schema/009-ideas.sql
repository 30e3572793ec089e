-- 009-ideas.sql - the topic board. A submission of a form marked
-- `board: true` (form_version.board) becomes an idea in the same
-- transaction, status 'new' until the committee approves it. The
-- member's wording stays in topic/description; the committee's public
-- wording, when it edits one, goes to public_topic/public_description.
-- Votes are keyed by (idea, voter) where voter is a keyed hash of the
-- browser's random cookie id: a browser counts once per idea, and a
-- merge moves votes with INSERT OR IGNORE so that a browser that voted
-- for both ideas still counts once. idea.votes is a cached count kept
-- in the same transaction as every change to vote.

ALTER TABLE form_version ADD COLUMN board INTEGER NOT NULL DEFAULT 0
	CHECK (board IN (0, 1));

CREATE TABLE idea (
	id          INTEGER PRIMARY KEY,
	response    INTEGER UNIQUE REFERENCES response (id) ON DELETE SET NULL,
	form        TEXT NOT NULL,
	topic       TEXT NOT NULL,
	description TEXT,
	public_topic        TEXT,
	public_description  TEXT,
	level       TEXT,
	format      TEXT,
	status      TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new',
		'suggested', 'planned', 'scheduled', 'done', 'declined',
		'merged')),
	event       INTEGER REFERENCES event (id) ON DELETE SET NULL,
	note        TEXT,
	merged_into INTEGER REFERENCES idea (id),
	votes       INTEGER NOT NULL DEFAULT 0 CHECK (votes >= 0),
	created     INTEGER NOT NULL,
	changed     INTEGER NOT NULL
) STRICT;
-- The board by votes (and newest: by id), public ideas only.
CREATE INDEX idea_board ON idea (votes, id)
	WHERE status NOT IN ('new', 'merged');
CREATE INDEX idea_by_status ON idea (status, votes, id);
CREATE INDEX idea_by_event ON idea (event) WHERE event IS NOT NULL;
CREATE INDEX idea_merged ON idea (merged_into) WHERE merged_into IS NOT NULL;

CREATE TABLE vote (
	idea        INTEGER NOT NULL REFERENCES idea (id),
	voter       BLOB NOT NULL,
	PRIMARY KEY (idea, voter)
) STRICT, WITHOUT ROWID;

PRAGMA user_version = 9;
