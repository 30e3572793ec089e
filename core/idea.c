/*
 * idea.c - the topic board's statuses and the checks of the wording the
 * committee gives an idea (core/idea.h).
 */
#include "idea.h"

#include <string.h>
#include <time.h>

#include "util.h"

const char *const idea_statuses[] = {
	"suggested", "planned", "scheduled", "done", "declined", "new",
	"merged", NULL,
};
const char *const idea_public_statuses[] = {
	"suggested", "planned", "scheduled", "done", "declined", NULL,
};
static const char *const labels[] = {
	"Suggested", "Planned", "Scheduled", "Done", "Declined",
	"Awaiting moderation", "Merged",
};

static int find(const char *const *v, const char *s)
{
	for (int i = 0; s && v[i]; i++)
		if (!strcmp(v[i], s))
			return i;
	return -1;
}

int idea_status_valid(const char *s)
{
	return find(idea_statuses, s) >= 0;
}

int idea_status_public(const char *s)
{
	return find(idea_public_statuses, s) >= 0;
}

int idea_status_settable(const char *s)
{
	return idea_status_public(s);
}

const char *idea_status_label(const char *s)
{
	int i = find(idea_statuses, s);

	return i >= 0 ? labels[i] : "Unknown";
}

/* Characters in s (valid UTF-8), or -1 when it is not valid text. */
static long chars(const char *s)
{
	size_t len = strlen(s), at = 0;
	long n = 0;

	if (!utf8_valid(s, len))
		return -1;
	while (at < len) {
		unsigned cp;
		size_t k = utf8_decode(s + at, len - at, &cp);

		if (!k || (cp < 0x20 && cp != '\n' && cp != '\r' && cp != '\t'))
			return -1;
		at += k;
		n++;
	}
	return n;
}

static const char *problem(const char *s, long max, int empty_ok,
			   const char *too_long)
{
	long n;

	if (!s)
		return empty_ok ? NULL : "is required";
	n = chars(s);
	if (n < 0)
		return "holds characters that are not text";
	if (!empty_ok && strspn(s, " \t\r\n") == strlen(s))
		return "is required";
	return n > max ? too_long : NULL;
}

const char *idea_topic_problem(const char *s)
{
	if (s && strpbrk(s, "\r\n"))
		return "must be one line";
	return problem(s, IDEA_TOPIC_MAX, 0, "is longer than 120 characters");
}

const char *idea_description_problem(const char *s)
{
	return problem(s, IDEA_DESCRIPTION_MAX, 1,
		       "is longer than 3000 characters");
}

const char *idea_note_problem(const char *s)
{
	return problem(s, IDEA_NOTE_MAX, 1, "is longer than 500 characters");
}

void idea_today(long long now, char out[11])
{
	time_t t = (time_t)now;
	struct tm tm;

	if (!localtime_r(&t, &tm) || !strftime(out, 11, "%Y-%m-%d", &tm))
		memcpy(out, "0000-00-00", 11);
}
