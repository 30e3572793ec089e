-- 014-answers-go-with-response.sql - a response deleted by another tool
-- takes its answers with it. ON DELETE CASCADE (001) acts only where
-- foreign keys are on, and the sqlite3 shell has them off: its deletions
-- left answers behind, which the next response given the same id (SQLite
-- reuses the highest rowid) would have inherited, or which made the
-- collector's every later submission fail on answer's primary key. A
-- trigger runs in any connection that has triggers on (the store's own,
-- which has them off, deletes with foreign keys on). Answers already left
-- behind are deleted here: they belong to no response and count for
-- nothing.
CREATE TRIGGER response_delete_answers AFTER DELETE ON response
BEGIN
	DELETE FROM answer WHERE response = OLD.id;
END;

DELETE FROM answer WHERE response NOT IN (SELECT id FROM response);

PRAGMA user_version = 14;
