-- 013-tally-response-insert.sql - a response inserted at or below the
-- tally's mark by another tool (one restored from a backup after it was
-- deleted, or a row filling a gap in the ids) is counted, with whatever
-- answers of it are already there. Without this trigger the response
-- itself was never counted: its answers' triggers (011) take away and add
-- back what it counts for, so the response row netted to nothing, and a
-- report could say "444 of 443 responses answered". Rows above the mark
-- need nothing: the store counts them with its next batch.
CREATE TRIGGER tally_response_insert AFTER INSERT ON response
	WHEN NEW.id <= (SELECT last FROM tally_mark)
BEGIN
	INSERT INTO tally (event, kind, key, value, n)
		SELECT event, kind, key, value, count(*) FROM tally_source
		WHERE response = NEW.id GROUP BY event, kind, key, value
		ON CONFLICT (event, kind, key, value) DO UPDATE SET n = n + excluded.n;
END;

PRAGMA user_version = 13;
