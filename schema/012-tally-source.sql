-- 012-tally-source.sql - the view tally_source (011) in a cheaper shape
-- that counts the same: the store runs it over every batch of
-- submissions it commits. A response's first option of a key was found
-- with a NOT EXISTS that rescanned the response's earlier answers for
-- every option answer (O(k^2) in its k answers); a key with an option
-- ticked is now one row of a DISTINCT over the response's option
-- answers, and text answers have a branch of their own. The triggers of
-- 011 read the view by its name.
DROP VIEW tally_source;
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
-- respondents: each text answer (value 1 when blank) ...
SELECT a.response, r.event, 'answered', a.key,
	trim(a.text, char(32, 9, 10, 11, 12, 13)) = ''
	FROM answer a JOIN response r ON r.id = a.response
	WHERE r.event IS NOT NULL AND r.spam = 0 AND a.text IS NOT NULL
UNION ALL
-- ... a response's keys with an option ticked, once each ...
SELECT DISTINCT a.response, r.event, 'answered', a.key, 0
	FROM answer a JOIN response r ON r.id = a.response
	WHERE r.event IS NOT NULL AND r.spam = 0 AND a.code IS NOT NULL
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

PRAGMA user_version = 12;
