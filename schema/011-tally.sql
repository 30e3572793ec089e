-- 011-tally.sql - counters a report reads instead of scanning answers.
-- For the responses that have an event and are not spam, tally holds
-- what the report queries counted from the answer rows (stmt.c):
--
--   kind 'response'  key: the response's form, value: the UTC quarter
--                    hour it came in (its start, seconds since 1970);
--                    n responses (per event, and per local day: every
--                    time zone's midnight falls on a quarter hour; a
--                    quarter hour that spans two local days is counted
--                    from its responses instead)
--   kind 'code'      key, value: an option code; n answers
--   kind 'num'       key, value: a number; n answers
--   kind 'answered'  key, value 0: respondents (responses with an option
--                    of key ticked, non-blank text answers of key, and
--                    KEY_other answers of responses with no option of
--                    KEY ticked, counted under KEY); value 1: blank text
--                    answers of key
--
-- What one response contributes is defined once, by the view
-- tally_source. tally_mark.last is the highest response id counted: the
-- store counts a batch of submissions in the transaction that inserts
-- it (everything above the mark, then moves the mark), reports add what
-- lies above the mark (rows inserted by other means; the mark is read
-- first and bound, as SQLite does not push a subquery's value down into
-- the view), and the triggers
-- below take a counted response's contributions away before a change of
-- it or its answers and add them back after, so that changes made with
-- sqlite3 keep the tally right too. The store's own connection runs with
-- triggers off (a trigger per answer inserted would cost the collector's
-- writer about a quarter of its time) and does the same in C for its
-- spam marks and deletions (core/store/responses.c). Rows whose count
-- reaches 0 are deleted. The answers need no secondary index
-- any more; their copies of the response's event and spam flag (003) are
-- no longer read nor kept in step.

CREATE TABLE tally (
	event       INTEGER NOT NULL REFERENCES event (id),
	kind        TEXT NOT NULL,
	key         TEXT NOT NULL,
	value       ANY NOT NULL,
	n           INTEGER NOT NULL,
	PRIMARY KEY (event, kind, key, value)
) STRICT, WITHOUT ROWID;

-- One row per contribution (n = 1 each) of a response with an event,
-- not spam, keyed by that response so that a range of responses is read
-- through the primary keys of response and answer.
CREATE VIEW tally_source (response, event, kind, key, value) AS
SELECT r.id, r.event, 'response', r.form,
	r.submitted - (r.submitted % 900 + 900) % 900
	FROM response r WHERE r.event IS NOT NULL AND r.spam = 0
UNION ALL
SELECT a.response, r.event, CASE WHEN a.code IS NULL THEN 'num'
	ELSE 'code' END, a.key, coalesce(a.code, a.num)
	FROM answer a JOIN response r ON r.id = a.response
	WHERE r.event IS NOT NULL AND r.spam = 0 AND a.text IS NULL
UNION ALL
-- respondents: a response's first option of a key, each text answer
SELECT a.response, r.event, 'answered', a.key,
	a.text IS NOT NULL AND trim(a.text, char(32, 9, 10, 11, 12, 13)) = ''
	FROM answer a JOIN response r ON r.id = a.response
	WHERE r.event IS NOT NULL AND r.spam = 0 AND a.num IS NULL
	AND (a.text IS NOT NULL OR NOT EXISTS (SELECT 1 FROM answer b
	WHERE b.response = a.response AND b.seq < a.seq AND b.key = a.key
	AND b.code IS NOT NULL))
UNION ALL
-- ... and KEY_other answers of responses that ticked no option of KEY
SELECT a.response, r.event, 'answered',
	substr(a.key, 1, length(a.key) - 6), 0
	FROM answer a JOIN response r ON r.id = a.response
	WHERE r.event IS NOT NULL AND r.spam = 0 AND a.text IS NOT NULL
	AND substr(a.key, -6) = '_other'
	AND trim(a.text, char(32, 9, 10, 11, 12, 13)) <> ''
	AND NOT EXISTS (SELECT 1 FROM answer b WHERE b.response = a.response
	AND b.code IS NOT NULL
	AND b.key = substr(a.key, 1, length(a.key) - 6));

-- Every response counted so far, and the mark above which none is.
INSERT INTO tally (event, kind, key, value, n)
	SELECT event, kind, key, value, count(*) FROM tally_source
	WHERE true GROUP BY event, kind, key, value;
CREATE TABLE tally_mark (
	id          INTEGER PRIMARY KEY CHECK (id = 1),
	last        INTEGER NOT NULL
) STRICT;
INSERT INTO tally_mark (id, last)
	SELECT 1, coalesce(max(id), 0) FROM response;

-- A change to a counted response or its answers, made by anything.
CREATE TRIGGER tally_response_before BEFORE UPDATE OF form, event,
	submitted, spam ON response
	WHEN OLD.id <= (SELECT last FROM tally_mark)
BEGIN
	INSERT INTO tally (event, kind, key, value, n)
		SELECT event, kind, key, value, - count(*) FROM tally_source
		WHERE response = OLD.id GROUP BY event, kind, key, value
		ON CONFLICT (event, kind, key, value) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER tally_response_after AFTER UPDATE OF form, event,
	submitted, spam ON response
	WHEN OLD.id <= (SELECT last FROM tally_mark)
BEGIN
	INSERT INTO tally (event, kind, key, value, n)
		SELECT event, kind, key, value,  count(*) FROM tally_source
		WHERE response = NEW.id GROUP BY event, kind, key, value
		ON CONFLICT (event, kind, key, value) DO UPDATE SET n = n + excluded.n;
	DELETE FROM tally WHERE n = 0 AND event IN (OLD.event, NEW.event);
END;

CREATE TRIGGER tally_response_delete BEFORE DELETE ON response
	WHEN OLD.id <= (SELECT last FROM tally_mark)
BEGIN
	INSERT INTO tally (event, kind, key, value, n)
		SELECT event, kind, key, value, - count(*) FROM tally_source
		WHERE response = OLD.id GROUP BY event, kind, key, value
		ON CONFLICT (event, kind, key, value) DO UPDATE SET n = n + excluded.n;
	DELETE FROM tally WHERE n = 0 AND event = OLD.event;
END;

-- the ids of new responses stay above the mark
CREATE TRIGGER tally_response_deleted AFTER DELETE ON response
	WHEN OLD.id <= (SELECT last FROM tally_mark)
BEGIN
	UPDATE tally_mark SET last = min(last,
		coalesce((SELECT max(id) FROM response), 0));
END;

CREATE TRIGGER tally_answer_insert_before BEFORE INSERT ON answer
	WHEN NEW.response <= (SELECT last FROM tally_mark)
BEGIN
	INSERT INTO tally (event, kind, key, value, n)
		SELECT event, kind, key, value, - count(*) FROM tally_source
		WHERE response IN (NEW.response) GROUP BY event, kind, key, value
		ON CONFLICT (event, kind, key, value) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER tally_answer_insert_after AFTER INSERT ON answer
	WHEN NEW.response <= (SELECT last FROM tally_mark)
BEGIN
	INSERT INTO tally (event, kind, key, value, n)
		SELECT event, kind, key, value,  count(*) FROM tally_source
		WHERE response IN (NEW.response) GROUP BY event, kind, key, value
		ON CONFLICT (event, kind, key, value) DO UPDATE SET n = n + excluded.n;
	DELETE FROM tally WHERE n = 0 AND event IN (SELECT event
		FROM response WHERE id IN (NEW.response));
END;

CREATE TRIGGER tally_answer_delete_before BEFORE DELETE ON answer
	WHEN OLD.response <= (SELECT last FROM tally_mark)
BEGIN
	INSERT INTO tally (event, kind, key, value, n)
		SELECT event, kind, key, value, - count(*) FROM tally_source
		WHERE response IN (OLD.response) GROUP BY event, kind, key, value
		ON CONFLICT (event, kind, key, value) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER tally_answer_delete_after AFTER DELETE ON answer
	WHEN OLD.response <= (SELECT last FROM tally_mark)
BEGIN
	INSERT INTO tally (event, kind, key, value, n)
		SELECT event, kind, key, value,  count(*) FROM tally_source
		WHERE response IN (OLD.response) GROUP BY event, kind, key, value
		ON CONFLICT (event, kind, key, value) DO UPDATE SET n = n + excluded.n;
	DELETE FROM tally WHERE n = 0 AND event IN (SELECT event
		FROM response WHERE id IN (OLD.response));
END;

CREATE TRIGGER tally_answer_update_before BEFORE UPDATE ON answer
	WHEN OLD.response <= (SELECT last FROM tally_mark)
	OR NEW.response <= (SELECT last FROM tally_mark)
BEGIN
	INSERT INTO tally (event, kind, key, value, n)
		SELECT event, kind, key, value, - count(*) FROM tally_source
		WHERE response IN (OLD.response, NEW.response) GROUP BY event, kind, key, value
		ON CONFLICT (event, kind, key, value) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER tally_answer_update_after AFTER UPDATE ON answer
	WHEN OLD.response <= (SELECT last FROM tally_mark)
	OR NEW.response <= (SELECT last FROM tally_mark)
BEGIN
	INSERT INTO tally (event, kind, key, value, n)
		SELECT event, kind, key, value,  count(*) FROM tally_source
		WHERE response IN (OLD.response, NEW.response) GROUP BY event, kind, key, value
		ON CONFLICT (event, kind, key, value) DO UPDATE SET n = n + excluded.n;
	DELETE FROM tally WHERE n = 0 AND event IN (SELECT event
		FROM response WHERE id IN (OLD.response, NEW.response));
END;

DROP TRIGGER response_spam;
DROP INDEX answer_codes;
DROP INDEX answer_nums;
DROP INDEX answer_texts;
DROP INDEX answer_blanks;

PRAGMA user_version = 11;
