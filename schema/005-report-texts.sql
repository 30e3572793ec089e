-- 005-report-texts.sql - indexes that let a report count the text
-- answers of a question per event without reading them (and so read
-- only the newest comments it lists). An answer has exactly one of code,
-- num and text (see 001), so "code IS NULL AND num IS NULL" selects the
-- text answers and, unlike "text IS NOT NULL", is covered by the index
-- itself. Blank answers (white space only: the collector never stores
-- them, an import might) have a small index of their own.

CREATE INDEX answer_texts ON answer (event, spam, key, code, num)
	WHERE code IS NULL AND num IS NULL;
CREATE INDEX answer_blanks ON answer (event, spam, key)
	WHERE code IS NULL AND num IS NULL
	AND trim(text, char(32, 9, 10, 11, 12, 13)) = '';

PRAGMA user_version = 5;
