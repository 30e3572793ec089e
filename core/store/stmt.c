/*
 * stmt.c - the text of every statement the store runs, by index (enum
 * stmt in store-int.h). Parameters are always bound; the SQL texts are
 * constants, put together by the compiler only.
 */
#include "store-int.h"

/*
 * The columns of an event, then its responses (not spam) when the SQL
 * expression counted is true, else -1: the count is a subquery per event,
 * which the collector's every request can do without. It is the tally's
 * (schema/011) and the responses' above its mark, read by the one
 * statement: counting the index response_scope instead read all of it,
 * 8,400 pages for a million responses, a second and more from a cold disk.
 */
#define EVENT_COLS(counted)                                                 \
	"e.key, e.form, e.title, e.date, e.location, e.format, e.presenter,"  \
	" e.series, e.attendees, e.opens, e.closes,"                          \
	" CASE WHEN " counted " THEN (SELECT coalesce(sum(t.n), 0) FROM tally t" \
	" WHERE t.event = e.id AND t.kind = 'response' AND t.key = e.form)"   \
	" + (SELECT count(*) FROM response r WHERE r.id > (SELECT last FROM"  \
	" tally_mark) AND +r.form = e.form AND +r.spam = 0"                   \
	" AND +r.event = e.id) ELSE -1 END"

/*
 * The scope of a report: ?1 form, ?2 JSON array of event keys or NULL,
 * ?3 series or NULL, ?4 from and ?5 to (YYYY-MM-DD) or NULL. Responses
 * marked as spam are never in scope.
 */
#define LOCAL_DAY(t) "date(" t ", 'unixepoch', 'localtime')"
#define SCOPE_DAY "coalesce(e.date, " LOCAL_DAY("r.submitted") ")"
#define SCOPE_WHERE                                                         \
	" r.form = ?1 AND r.spam = 0"                                         \
	" AND (?2 IS NULL OR e.key IN (SELECT value FROM json_each(?2)))"     \
	" AND (?3 IS NULL OR e.series = ?3)"                                  \
	" AND (?4 IS NULL OR " SCOPE_DAY " >= ?4)"                            \
	" AND (?5 IS NULL OR " SCOPE_DAY " <= ?5)"
/* The same scope split in two: the events of a per-event form ... */
#define EVENT_SCOPE                                                         \
	" e.form = ?1"                                                        \
	" AND (?2 IS NULL OR e.key IN (SELECT value FROM json_each(?2)))"     \
	" AND (?3 IS NULL OR e.series = ?3)"                                  \
	" AND (?4 IS NULL OR e.date >= ?4) AND (?5 IS NULL OR e.date <= ?5)"
/* ... and the responses of a standing form, which no event list matches. */
#define STANDING_SCOPE                                                      \
	" r.form = ?1 AND r.spam = 0 AND r.event IS NULL"                     \
	" AND ?2 IS NULL AND ?3 IS NULL"                                      \
	" AND (?4 IS NULL OR " LOCAL_DAY("r.submitted") " >= ?4)"             \
	" AND (?5 IS NULL OR " LOCAL_DAY("r.submitted") " <= ?5)"
/*
 * The tally (schema/011) as a report reads it: the table, and what the
 * responses above its mark ?9 count for (none, but for rows inserted
 * other than by the store). ?9 is read in the same transaction (scopes.c).
 */
#define TALLY_NOW                                                           \
	" (SELECT event, kind, key, value, n FROM tally"                      \
	" UNION ALL SELECT event, kind, key, value, count(*) FROM tally_source" \
	" WHERE response > ?9 GROUP BY event, kind, key, value)"
/*
 * Counts of one kind of the tally per
 * event, key and value; then those of standing forms
 * from their answers, through their responses.
 */
#define COUNT_ANSWERS(col, kind, tcols, cols)                               \
	"SELECT * FROM (SELECT e.key, t.key, " tcols ", NULL, NULL, NULL,"    \
	" sum(t.n) FROM event e JOIN" TALLY_NOW " t ON t.event = e.id"       \
	" AND t.kind = '" kind "' WHERE" EVENT_SCOPE                           \
	" GROUP BY e.date, e.id, t.key, t.value"                              \
	" ORDER BY e.date, e.id, t.key, t.value)"                             \
	" UNION ALL SELECT * FROM (SELECT NULL, a.key, " cols ", NULL, NULL,"  \
	" NULL, count(*) FROM response r JOIN answer a ON a.response = r.id"  \
	" WHERE" STANDING_SCOPE " AND a." col " IS NOT NULL"                  \
	" GROUP BY a.key, a." col " ORDER BY a.key, a." col ")"
#define SCOPE_FROM " FROM response r LEFT JOIN event e ON e.id = r.event"
/* A text answer with more than white space (C's isspace). */
#define NOT_BLANK(col) "trim(" col ", char(32, 9, 10, 11, 12, 13)) <> ''"
/* ?6: JSON array of the answer keys counted. */
#define KEY_LIST(col) " " col " IN (SELECT value FROM json_each(?6))"
/*
 * For store_count_answered() over standing forms: the key of the question
 * that K_other belongs to, and the K_other answers of responses that
 * ticked no option of K, counted under K so that the rows of K add up to
 * the respondents who ticked an option or wrote another answer (the
 * tally's kind 'answered' has the same rule for events).
 */
#define BASE_KEY "substr(a.key, 1, length(a.key) - 6)"
#define OTHER_ONLY                                                          \
	" a.text IS NOT NULL"                                                 \
	" AND a.key IN (SELECT value || '_other' FROM json_each(?6))"         \
	" AND " NOT_BLANK("a.text") " AND NOT EXISTS (SELECT 1 FROM answer b"   \
	" WHERE b.response = a.response AND b.code IS NOT NULL"               \
	" AND b.key = " BASE_KEY ")"
/*
 * The tally's responses of the events in scope, by the response's form
 * ?1 (as SCOPE_WHERE has it; an event's own form is not asked): t.value
 * is the start of a UTC quarter hour.
 */
#define TALLY_RESPONSES                                                     \
	" FROM event e JOIN" TALLY_NOW " t ON t.event = e.id"                 \
	" AND t.kind = 'response' AND t.key = ?1"                             \
	" WHERE (?2 IS NULL OR e.key IN (SELECT value FROM json_each(?2)))"   \
	" AND (?3 IS NULL OR e.series = ?3)"                                  \
	" AND (?4 IS NULL OR e.date >= ?4) AND (?5 IS NULL OR e.date <= ?5)"
/* Whether quarter hour t lies in one local day (true in every time zone
 * of today, whose offsets are whole quarter hours). */
#define ONE_DAY(t) LOCAL_DAY(t) " = " LOCAL_DAY(t " + 899")
/*
 * The topic board (ideas.c): the columns of struct idea, ?1 being the
 * day (YYYY-MM-DD) before which a scheduled idea's event makes it read
 * done, and the offers counted from the answers of an idea's submission
 * and of those merged into it (would_present / would_mentor, docs/forms.md).
 */
#define IDEA_SHOWN                                                          \
	"CASE WHEN i.status = 'scheduled' AND e.date < ?1 THEN 'done'"         \
	" ELSE i.status END"
#define IDEA_OFFERS(key)                                                    \
	"(SELECT count(*) FROM idea m JOIN answer a ON a.response = m.response" \
	" WHERE (m.id = i.id OR m.merged_into = i.id) AND a.key = '" key "'"   \
	" AND a.code = 'yes')"
#define IDEA_SELECT                                                         \
	"i.id, i.form, coalesce(i.public_topic, i.topic),"                    \
	" coalesce(i.public_description, i.description), i.topic,"            \
	" i.description, i.level, i.format, " IDEA_SHOWN ", e.key, e.title,"  \
	" e.date, e.form, i.note, i.merged_into, i.votes, "                   \
	IDEA_OFFERS("would_present") ", " IDEA_OFFERS("would_mentor") ","     \
	" i.created, i.changed"
#define IDEA_FROM " FROM idea i LEFT JOIN event e ON e.id = i.event"
#define IDEA_COLS IDEA_SELECT IDEA_FROM
/* The board itself: approved ideas, in the order of the index idea_board. */
#define IDEA_PUBLIC " WHERE i.status NOT IN ('new', 'merged')"
/* ?2 status ("public", a shown status, NULL), ?3 ?4 event dates. */
#define IDEA_WHERE                                                          \
	" WHERE CASE WHEN ?2 IS NULL THEN i.status <> 'merged'"               \
	" WHEN ?2 = 'public' THEN i.status NOT IN ('new', 'merged')"          \
	" ELSE " IDEA_SHOWN " = ?2 END"                                       \
	" AND (?3 IS NULL OR e.date >= ?3) AND (?4 IS NULL OR e.date <= ?4)"
#define ANSWER_OF(col, key)                                                 \
	"(SELECT " col " FROM answer WHERE response = r.id AND key = '" key "')"

/*
 * Query rows have one layout, so that one function fills struct store_row:
 * event, key, code, num, text, submitted, response, count.
 */
const char *const db_sql[S__MAX] = {
	[S_BEGIN] = "BEGIN IMMEDIATE",
	[S_COMMIT] = "COMMIT",
	[S_ROLLBACK] = "ROLLBACK",
	[S_USER_VERSION] = "PRAGMA user_version",
	[S_DATA_VERSION] = "PRAGMA data_version",
	[S_FORM_PUT] =
		"INSERT INTO form_version (form, hash, definition, first_seen,"
		" last_seen, board) VALUES (?1, ?2, ?3, ?4, ?4, ?5)"
		" ON CONFLICT (hash) DO UPDATE SET last_seen ="
		" max(last_seen, excluded.last_seen), board = excluded.board",
	[S_FORM_ID] = "SELECT id FROM form_version WHERE hash = ?1",
	[S_FORM_LATEST] =
		"SELECT definition FROM form_version WHERE form = ?1"
		" ORDER BY last_seen DESC, id DESC LIMIT 1",
	[S_EVENT_ID] = "SELECT id, form FROM event WHERE key = ?1",
	[S_EVENT_ADD] =
		"INSERT INTO event (key, form, title, date, location, format,"
		" presenter, series, attendees, opens, closes, created)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
	[S_EVENT_UPDATE] =
		"UPDATE event SET form = ?2, title = ?3, date = ?4,"
		" location = ?5, format = ?6, presenter = ?7, series = ?8,"
		" attendees = ?9, opens = ?10, closes = ?11 WHERE key = ?1",
	/* ?1 key or form (NULL: all), ?2 1 to count responses, 0 not */
	[S_EVENT_GET] =
		"SELECT " EVENT_COLS("?2") " FROM event e WHERE e.key = ?1",
	[S_EVENT_LIST] =
		"SELECT " EVENT_COLS("?2") " FROM event e"
		" WHERE ?1 IS NULL OR e.form = ?1 ORDER BY e.date, e.key",
	[S_RESPONSE_ADD] =
		"INSERT INTO response (form, version, event, submitted, token)"
		" VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (token) DO NOTHING",
	[S_ANSWER_ADD] =
		"INSERT INTO answer (response, seq, key, code, num, text)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[S_TALLY_LAST] = "SELECT last FROM tally_mark",
	/*
	 * What response ?1 counts for added to the tally (?2 = 1) or taken
	 * away (?2 = -1, when it is counted: at or below the mark), then the
	 * rows of its event left at 0 deleted; as the triggers of schema/011
	 * do for changes made with other tools.
	 */
	[S_TALLY_ONE] =
		"INSERT INTO tally (event, kind, key, value, n)"
		" SELECT event, kind, key, value, ?2 * count(*) FROM tally_source"
		" WHERE response = ?1 AND ?1 <= (SELECT last FROM tally_mark)"
		" GROUP BY event, kind, key, value"
		" ON CONFLICT (event, kind, key, value)"
		" DO UPDATE SET n = n + excluded.n",
	[S_TALLY_PRUNE] =
		"DELETE FROM tally WHERE n = 0"
		" AND event = (SELECT event FROM response WHERE id = ?1)",
	/* after a deletion: the ids of new responses stay above the mark */
	[S_TALLY_MARK_DOWN] =
		"UPDATE tally_mark SET last = min(last,"
		" coalesce((SELECT max(id) FROM response), 0))",
	[S_READ_BEGIN] = "SAVEPOINT scope",
	[S_READ_END] = "RELEASE scope",
	/*
	 * The responses above the tally's mark ?1 (a batch just stored with
	 * rows inserted by other means before it: tally.c counts a batch
	 * alone) counted, by the one rule of what a
	 * response counts for, the view tally_source (schema/011, 012).
	 * The groups are sorted by key first: the sorter then tells most
	 * rows apart by their first column (about a sixth cheaper than
	 * event first, whose every comparison goes on to the next columns).
	 */
	[S_ANSWERS_ADD] =
		"INSERT INTO answer (response, seq, key, code, num, text) VALUES"
		" (?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?),"
		" (?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?),"
		" (?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?)",
	[S_TALLY_ADD] =
		"INSERT INTO tally (event, kind, key, value, n)"
		" SELECT event, kind, key, value, count(*) FROM tally_source"
		" WHERE response > ?1 GROUP BY key, value, kind, event"
		" ON CONFLICT (event, kind, key, value)"
		" DO UPDATE SET n = n + excluded.n",
	/* one row of a batch counted in C (tally.c): ?5 more of it */
	[S_TALLY_PUT] =
		"INSERT INTO tally (event, kind, key, value, n)"
		" VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (event, kind, key, value)"
		" DO UPDATE SET n = n + excluded.n",
	[S_TALLY_MARK] =
		"UPDATE tally_mark SET last = (SELECT max(id) FROM response)",
	[S_COUNT_RESPONSES] =
		"SELECT count(*) FROM response WHERE form = ?1 AND spam = 0",
	[S_RESPONSE_WHEN] = "SELECT submitted FROM response WHERE token = ?1",
	[S_SET_SPAM] = "UPDATE response SET spam = ?2 WHERE id = ?1",
	[S_SECRET_GET] = "SELECT value FROM secret WHERE name = ?1",
	[S_SECRET_ADD] = "INSERT INTO secret (name, value) VALUES (?1, ?2)",
	[S_SCOPE_EVENTS] =
		"SELECT " EVENT_COLS("1") " FROM event e WHERE" EVENT_SCOPE
		" ORDER BY e.date, e.key",
	/* the responses of events from the tally, of standing forms counted */
	[S_COUNT_BY_EVENT] =
		"SELECT k, NULL, NULL, NULL, NULL, NULL, NULL, n FROM"
		" (SELECT e.date AS d, e.key AS k, sum(t.n) AS n" TALLY_RESPONSES
		" GROUP BY e.id UNION ALL SELECT NULL, NULL, count(*)"
		" FROM response r WHERE" STANDING_SCOPE " HAVING count(*) > 0)"
		" ORDER BY d, k",
	[S_COUNT_CODES] =
		COUNT_ANSWERS("code", "code", "t.value, NULL", "a.code, NULL"),
	[S_COUNT_NUMBERS] =
		COUNT_ANSWERS("num", "num", "NULL, t.value", "NULL, a.num"),
	[S_TEXTS] =
		"SELECT e.key, a.key, NULL, NULL, a.text, r.submitted, r.id, 1"
		SCOPE_FROM " JOIN answer a ON a.response = r.id"
		" WHERE" SCOPE_WHERE " AND a.text IS NOT NULL"
		" ORDER BY r.submitted DESC, r.id DESC, a.seq",
	/*
	 * ?6 event key (NULL: responses without one), ?7 answer key, ?8
	 * limit. The response_scope index gives one event's responses in
	 * submission order: read backwards, no sort, stops at the limit.
	 */
	[S_TEXTS_NEWEST] =
		"SELECT e.key, a.key, NULL, NULL, a.text, r.submitted, r.id, 1"
		" FROM response r JOIN answer a ON a.response = r.id"
		" LEFT JOIN event e ON e.id = r.event"
		" WHERE r.form = ?1 AND r.spam = 0"
		" AND r.event IS (SELECT id FROM event WHERE key = ?6)"
		" AND (?6 IS NULL) = (r.event IS NULL)"
		" AND (?6 IS NOT NULL OR (?2 IS NULL AND ?3 IS NULL"
		" AND (?4 IS NULL OR " LOCAL_DAY("r.submitted") " >= ?4)"
		" AND (?5 IS NULL OR " LOCAL_DAY("r.submitted") " <= ?5)))"
		" AND a.key = ?7 AND a.text IS NOT NULL AND " NOT_BLANK("a.text")
		" ORDER BY r.submitted DESC, r.id DESC LIMIT ?8",
	/*
	 * Respondents per event and key from the tally (value 0; value 1:
	 * blank text answers, in the column num); then the responses of
	 * standing forms: distinct responses with an option or a non-blank
	 * text, blank ones counted apart, and the K_other rule (OTHER_ONLY).
	 */
	[S_COUNT_ANSWERED] =
		"SELECT e.key, t.key, NULL, sum(CASE WHEN t.value = 1 THEN t.n"
		" ELSE 0 END), NULL, NULL, NULL, sum(CASE WHEN t.value = 0"
		" THEN t.n ELSE 0 END) FROM event e JOIN" TALLY_NOW " t"
		" ON t.event = e.id AND t.kind = 'answered'"
		" WHERE" EVENT_SCOPE " AND" KEY_LIST("t.key")
		" GROUP BY e.id, t.key"
		" UNION ALL SELECT NULL, CASE WHEN t.k THEN " BASE_KEY
		" ELSE a.key END, NULL, sum(NOT t.k AND a.text IS NOT NULL"
		" AND NOT " NOT_BLANK("a.text") "), NULL, NULL, NULL,"
		" count(DISTINCT CASE WHEN a.text IS NULL"
		" OR " NOT_BLANK("a.text") " THEN a.response END)"
		" FROM response r JOIN answer a ON a.response = r.id"
		" CROSS JOIN (SELECT 0 AS k UNION ALL SELECT 1) t"
		" WHERE" STANDING_SCOPE " AND (t.k = 0 AND" KEY_LIST("a.key")
		" OR t.k = 1 AND" OTHER_ONLY ") GROUP BY t.k, a.key",
	/*
	 * Responses per local day: the tally's quarter hours that lie in one
	 * day, the responses of those that do not, those of standing forms.
	 */
	[S_COUNT_DAYS] =
		"SELECT NULL, NULL, NULL, NULL, day, NULL, NULL, sum(n) FROM"
		" (SELECT " LOCAL_DAY("t.value") " AS day, t.n AS n"
		TALLY_RESPONSES " AND " ONE_DAY("t.value")
		" UNION ALL SELECT " LOCAL_DAY("r.submitted") ", 1"
		" FROM (SELECT DISTINCT t.event AS ev, t.value AS q" TALLY_RESPONSES
		" AND NOT " ONE_DAY("t.value") ") b JOIN response r"
		" ON r.form = ?1 AND r.spam = 0 AND r.event = b.ev"
		" AND r.submitted BETWEEN b.q AND b.q + 899"
		" UNION ALL SELECT " LOCAL_DAY("r.submitted") ", 1"
		" FROM response r WHERE" STANDING_SCOPE ")"
		" GROUP BY day ORDER BY day",
	/* A scan in rowid order: streams, with no sort of the whole scope. */
	[S_EACH_ANSWER] =
		"SELECT e.key, a.key, a.code, a.num, a.text, r.submitted, r.id, 1"
		" FROM response r NOT INDEXED LEFT JOIN event e ON e.id = r.event"
		" LEFT JOIN answer a ON a.response = r.id"
		" WHERE" SCOPE_WHERE " ORDER BY r.id, a.seq",
	[S_RESPONSE_ANSWERS] =
		"SELECT e.key, a.key, a.code, a.num, a.text, r.submitted, r.id, 1"
		" FROM response r LEFT JOIN event e ON e.id = r.event"
		" LEFT JOIN answer a ON a.response = r.id"
		" WHERE r.id = ?1 ORDER BY a.seq",
	/* admin area */
	[S_USER_ADD] =
		"INSERT INTO account (name, role, password, created)"
		" VALUES (?1, ?2, ?3, ?4)",
	[S_USER_GET] =
		"SELECT name, role, password, created FROM account"
		" WHERE name = ?1",
	[S_USER_LIST] =
		"SELECT name, role, password, created FROM account ORDER BY name",
	[S_USER_SET_ROLE] = "UPDATE account SET role = ?2 WHERE name = ?1",
	[S_USER_SET_HASH] = "UPDATE account SET password = ?2 WHERE name = ?1",
	[S_USER_END_SESSIONS] =
		"DELETE FROM session WHERE account ="
		" (SELECT id FROM account WHERE name = ?1)",
	[S_USER_REMOVE] = "DELETE FROM account WHERE name = ?1",
	[S_USER_COUNT] =
		"SELECT count(*) FROM account WHERE ?1 IS NULL OR role = ?1",
	[S_SETUP_PUT] =
		"INSERT OR REPLACE INTO setup_token (id, token_hash, created)"
		" VALUES (1, ?1, ?2)",
	[S_SETUP_CHECK] =
		"SELECT count(*) FROM setup_token WHERE token_hash = ?1"
		" AND NOT EXISTS (SELECT 1 FROM account)",
	[S_SETUP_CLEAR] = "DELETE FROM setup_token",
	[S_SESSION_ADD] =
		"INSERT INTO session (token_hash, account, csrf, created,"
		" last_seen, expires) SELECT ?1, id, ?3, ?4, ?4, ?5"
		" FROM account WHERE name = ?2",
	[S_SESSION_GET] =
		"SELECT a.name, a.role, s.csrf, s.created, s.last_seen,"
		" s.expires FROM session s JOIN account a ON a.id = s.account"
		" WHERE s.token_hash = ?1 AND s.expires > ?2"
		" AND s.last_seen + ?3 >= ?2",
	[S_SESSION_TOUCH] =
		"UPDATE session SET last_seen = ?2 WHERE token_hash = ?1",
	[S_SESSION_DELETE] = "DELETE FROM session WHERE token_hash = ?1",
	[S_SESSION_PRUNE] =
		"DELETE FROM session WHERE expires <= ?1"
		" OR last_seen + ?2 < ?1",
	/*
	 * ?3 a role: an invitation, for a name no account has; NULL: a
	 * reset link, for the account of that name. Nothing is inserted
	 * otherwise. A newer link for the name replaces the older one.
	 */
	[S_INVITE_PUT] =
		"INSERT OR REPLACE INTO invite (token_hash, name, role, account,"
		" created, expires) SELECT ?1, ?2, ?3,"
		" CASE WHEN ?3 IS NULL THEN (SELECT id FROM account"
		" WHERE name = ?2) END, ?4, ?5"
		" WHERE (?3 IS NULL) = EXISTS (SELECT 1 FROM account"
		" WHERE name = ?2)",
	[S_INVITE_GET] =
		"SELECT i.name, coalesce(i.role, a.role), i.account IS NOT NULL,"
		" i.expires FROM invite i LEFT JOIN account a ON a.id = i.account"
		" WHERE i.token_hash = ?1 AND i.expires > ?2",
	[S_INVITE_DELETE] = "DELETE FROM invite WHERE token_hash = ?1",
	[S_INVITE_PRUNE] = "DELETE FROM invite WHERE expires <= ?1",
	[S_RESPONSE_LIST] =
		"SELECT r.id, r.form, e.key, e.title, r.submitted, r.spam"
		" FROM response r LEFT JOIN event e ON e.id = r.event"
		" WHERE (?1 IS NULL OR r.form = ?1) AND (?2 IS NULL OR e.key = ?2)"
		" AND (?3 IS NULL OR " LOCAL_DAY("r.submitted") " >= ?3)"
		" AND (?4 IS NULL OR " LOCAL_DAY("r.submitted") " <= ?4)"
		" ORDER BY r.submitted DESC, r.id DESC LIMIT ?5 OFFSET ?6",
	[S_RESPONSE_COUNT] =
		"SELECT count(*)"
		" FROM response r LEFT JOIN event e ON e.id = r.event"
		" WHERE (?1 IS NULL OR r.form = ?1) AND (?2 IS NULL OR e.key = ?2)"
		" AND (?3 IS NULL OR " LOCAL_DAY("r.submitted") " >= ?3)"
		" AND (?4 IS NULL OR " LOCAL_DAY("r.submitted") " <= ?4)",
	[S_RESPONSE_GET] =
		"SELECT r.id, r.form, e.key, e.title, r.submitted, r.spam"
		" FROM response r LEFT JOIN event e ON e.id = r.event"
		" WHERE r.id = ?1",
	[S_RESPONSE_DELETE] = "DELETE FROM response WHERE id = ?1",
	[S_COUNT_SINCE] =
		"SELECT count(*) FROM response r LEFT JOIN event e"
		" ON e.id = r.event WHERE r.form = ?1 AND r.spam = 0"
		" AND (?2 IS NULL OR e.key = ?2) AND r.submitted >= ?3",
	/* ---- the topic board ---- */
	[S_IDEA_FROM_RESPONSE] =
		"INSERT INTO idea (response, form, topic, description, level,"
		" format, created, changed) SELECT r.id, r.form, t.text, "
		ANSWER_OF("text", "description") ", " ANSWER_OF("code", "level")
		", " ANSWER_OF("code", "format") ", r.submitted, r.submitted"
		" FROM response r JOIN form_version v ON v.id = r.version"
		" JOIN answer t ON t.response = r.id AND t.key = 'topic'"
		" AND t.text IS NOT NULL WHERE r.id = ?1 AND v.board = 1",
	/* the page is chosen first, its columns (subqueries) computed after */
	[S_IDEA_LIST] =
		"SELECT " IDEA_SELECT " FROM (SELECT i.id AS pid, i.votes AS pv"
		IDEA_FROM IDEA_WHERE
		" ORDER BY CASE WHEN ?5 THEN 0 ELSE i.votes END DESC, i.id DESC"
		" LIMIT ?6 OFFSET ?7) JOIN idea i ON i.id = pid"
		" LEFT JOIN event e ON e.id = i.event"
		" ORDER BY CASE WHEN ?5 THEN 0 ELSE pv END DESC, pid DESC",
	[S_IDEA_COUNT] = "SELECT count(*)" IDEA_FROM IDEA_WHERE,
	[S_IDEA_BOARD_VOTES] =
		"SELECT " IDEA_COLS IDEA_PUBLIC
		" ORDER BY i.votes DESC, i.id DESC LIMIT ?2 OFFSET ?3",
	[S_IDEA_BOARD_NEWEST] =
		"SELECT " IDEA_COLS IDEA_PUBLIC
		" ORDER BY i.id DESC LIMIT ?2 OFFSET ?3",
	[S_IDEA_BOARD_COUNT] = "SELECT count(*) FROM idea i" IDEA_PUBLIC,
	[S_IDEA_GET] = "SELECT " IDEA_COLS " WHERE i.id = ?2",
	[S_IDEA_STATE] = "SELECT status FROM idea WHERE id = ?1",
	[S_IDEA_APPROVE] =
		"UPDATE idea SET status = 'suggested', changed = ?2"
		" WHERE id = ?1 AND status = 'new'",
	[S_IDEA_EDIT] =
		"UPDATE idea SET public_topic = coalesce(?2, public_topic),"
		" public_description = coalesce(?3, public_description),"
		" changed = ?4 WHERE id = ?1 AND status <> 'merged'",
	[S_IDEA_STATUS] =
		"UPDATE idea SET status = ?2, event = CASE WHEN ?3 IS NULL"
		" THEN event WHEN ?3 = '' THEN NULL ELSE (SELECT id FROM event"
		" WHERE key = ?3) END, note = CASE WHEN ?4 IS NULL THEN note"
		" ELSE nullif(?4, '') END, changed = ?5"
		" WHERE id = ?1 AND status NOT IN ('new', 'merged')",
	[S_IDEA_MERGE_VOTES] =
		"INSERT OR IGNORE INTO vote (idea, voter)"
		" SELECT ?2, voter FROM vote WHERE idea = ?1",
	[S_IDEA_DROP_VOTES] = "DELETE FROM vote WHERE idea = ?1",
	[S_IDEA_RECOUNT] =
		"UPDATE idea SET votes = (SELECT count(*) FROM vote"
		" WHERE idea = ?1), changed = ?2 WHERE id = ?1",
	[S_IDEA_MERGE_MARK] =
		"UPDATE idea SET status = 'merged', merged_into = ?2, votes = 0,"
		" changed = ?3 WHERE id = ?1",
	[S_IDEA_REPOINT] =
		"UPDATE idea SET merged_into = ?2 WHERE merged_into = ?1",
	[S_IDEA_VOTE_TARGET] =
		"SELECT t.id FROM idea i JOIN idea t ON t.id = CASE WHEN"
		" i.status = 'merged' THEN i.merged_into ELSE i.id END"
		" WHERE i.id = ?1 AND t.status IN ('suggested', 'planned',"
		" 'scheduled')",
	[S_IDEA_VOTE_ADD] =
		"INSERT OR IGNORE INTO vote (idea, voter) VALUES (?1, ?2)",
	[S_IDEA_VOTE_COUNT] = "UPDATE idea SET votes = votes + 1 WHERE id = ?1",
	[S_IDEA_OFFERS] =
		"SELECT m.id, (SELECT text FROM answer WHERE response = m.response"
		" AND key = 'name'), (SELECT text FROM answer"
		" WHERE response = m.response AND key = 'email'),"
		" EXISTS (SELECT 1 FROM answer WHERE response = m.response"
		" AND key = 'would_present' AND code = 'yes'),"
		" EXISTS (SELECT 1 FROM answer WHERE response = m.response"
		" AND key = 'would_mentor' AND code = 'yes')"
		" FROM idea m WHERE (m.id = ?1 OR m.merged_into = ?1)"
		" AND EXISTS (SELECT 1 FROM answer WHERE response = m.response"
		" AND key IN ('would_present', 'would_mentor') AND code = 'yes')"
		" ORDER BY m.id",
	[S_IDEA_FOR_EVENT] =
		"SELECT " IDEA_COLS " WHERE e.key = ?2 AND i.status NOT IN"
		" ('new', 'merged') ORDER BY i.votes DESC, i.id LIMIT 1",
	/* ---- certificates of attendance ---- */
	[S_CERT_HOURS_GET] =
		"SELECT c.minutes FROM event_certificate c JOIN event e"
		" ON e.id = c.event WHERE e.key = ?1",
	[S_CERT_HOURS_SET] =
		"INSERT INTO event_certificate (event, minutes)"
		" SELECT id, ?2 FROM event WHERE key = ?1"
		" ON CONFLICT (event) DO UPDATE SET minutes = excluded.minutes",
	[S_CERT_HOURS_CLEAR] =
		"DELETE FROM event_certificate"
		" WHERE event = (SELECT id FROM event WHERE key = ?1)",
	[S_GRANT_PRUNE] = "DELETE FROM certificate_grant WHERE expires <= ?1",
	/* ?1 token hash, ?2 uses, ?3 expires */
	[S_GRANT_ADD] =
		"INSERT INTO certificate_grant (token_hash, uses_left, expires)"
		" VALUES (?1, ?2, ?3) ON CONFLICT (token_hash) DO NOTHING",
	[S_GRANT_USE] =
		"UPDATE certificate_grant SET uses_left = uses_left - 1"
		" WHERE token_hash = ?1 AND uses_left > 0 AND expires > ?2",
	/* uses left of a grant, ?2 when it has not been used yet */
	[S_GRANT_LEFT] =
		"SELECT coalesce((SELECT uses_left FROM certificate_grant"
		" WHERE token_hash = ?1 AND expires > ?3), ?2)",
	[S_CERT_ADD] =
		"INSERT INTO certificate (code, event, name, minutes, issued)"
		" SELECT ?1, id, ?3, ?4, ?5 FROM event WHERE key = ?2",
	[S_CERT_GET] =
		"SELECT c.code, e.key, e.title, e.date, c.name, c.minutes,"
		" c.issued, c.revoked FROM certificate c JOIN event e"
		" ON e.id = c.event WHERE c.code = ?1",
	[S_CERT_LIST] =
		"SELECT c.code, e.key, e.title, e.date, c.name, c.minutes,"
		" c.issued, c.revoked FROM certificate c JOIN event e"
		" ON e.id = c.event WHERE ?1 IS NULL OR e.key = ?1"
		" ORDER BY e.date, e.key, c.issued, c.name, c.code",
	[S_CERT_REVOKE] =
		"UPDATE certificate SET revoked = coalesce(revoked, ?2)"
		" WHERE code = ?1",
	/* per event in scope: key, certificates not revoked, their minutes */
	[S_CERT_TOTALS] =
		"SELECT e.key, count(c.code), coalesce(sum(c.minutes), 0),"
		" (SELECT minutes FROM event_certificate x WHERE x.event = e.id)"
		" FROM event e LEFT JOIN certificate c ON c.event = e.id"
		" AND c.revoked IS NULL WHERE" EVENT_SCOPE
		" GROUP BY e.id ORDER BY e.date, e.key",
	/*
	 * ?1 account name, ?2 client, ?3 now: this client's failures and
	 * the last one's time, then the account's failures in the hours
	 * still open and the oldest of those hours (one row always).
	 */
	[S_SIGNIN_GET] =
		"SELECT coalesce((SELECT f.failures FROM signin_failure f"
		" JOIN account a ON a.id = f.account"
		" WHERE a.name = ?1 AND f.client = ?2), 0),"
		" coalesce((SELECT f.last FROM signin_failure f"
		" JOIN account a ON a.id = f.account"
		" WHERE a.name = ?1 AND f.client = ?2), 0),"
		" coalesce(sum(f.recent), 0), coalesce(min(f.hour), 0)"
		" FROM signin_failure f JOIN account a ON a.id = f.account"
		" WHERE a.name = ?1 AND f.hour > ?3 - 3600",
	/* a name that is no account inserts nothing */
	[S_SIGNIN_FAILED] =
		"INSERT INTO signin_failure (account, client, failures, last,"
		" hour, recent) SELECT id, ?2, 1, ?3, ?3, 1 FROM account"
		" WHERE name = ?1 ON CONFLICT (account, client) DO UPDATE SET"
		" failures = failures + 1, last = ?3,"
		" recent = CASE WHEN hour <= ?3 - 3600 THEN 1"
		" ELSE recent + 1 END,"
		" hour = CASE WHEN hour <= ?3 - 3600 THEN ?3 ELSE hour END",
	[S_SIGNIN_SUCCEEDED] =
		"UPDATE signin_failure SET failures = 0"
		" WHERE client = ?2"
		" AND account = (SELECT id FROM account WHERE name = ?1)",
	/* a day without failures: its delays and its hour are long over */
	[S_SIGNIN_PRUNE] =
		"DELETE FROM signin_failure WHERE last <= ?1 - 86400",
	[S_SIGNIN_UNLOCK] =
		"DELETE FROM signin_failure"
		" WHERE account = (SELECT id FROM account WHERE name = ?1)",
	/* ---- the follow-up list: ?1 form, ?2 event key, ?3 JSON keys ---- */
	[S_FOLLOW_UP_LIST] =
		"SELECT r.id, r.form, e.key, e.title, r.submitted, f.done,"
		" f.done_by FROM response r LEFT JOIN event e ON e.id = r.event"
		" LEFT JOIN follow_up f ON f.response = r.id"
		" WHERE r.form = ?1 AND r.spam = 0 AND (?2 IS NULL OR e.key = ?2)"
		" AND EXISTS (SELECT 1 FROM answer a WHERE a.response = r.id"
		" AND a.key IN (SELECT value FROM json_each(?3))"
		" AND a.code = 'yes')"
		" ORDER BY r.submitted DESC, r.id DESC",
	[S_FOLLOW_UP_DONE] =
		"INSERT INTO follow_up (response, done, done_by)"
		" VALUES (?1, ?2, ?3) ON CONFLICT (response) DO UPDATE"
		" SET done = excluded.done, done_by = excluded.done_by",
	[S_FOLLOW_UP_UNDO] = "DELETE FROM follow_up WHERE response = ?1",
	/* ---- every recorded version of form ?1, oldest first ---- */
	[S_FORM_VERSIONS] =
		"SELECT definition FROM form_version WHERE form = ?1"
		" ORDER BY first_seen, id",
	/* answers (not spam) of form ?1 with key ?2 and code ?3 (NULL: any) */
	[S_COUNT_KEY] =
		"SELECT count(*) FROM answer a JOIN response r"
		" ON r.id = a.response WHERE r.form = ?1 AND r.spam = 0"
		" AND a.key = ?2 AND (?3 IS NULL OR a.code = ?3)",
};
