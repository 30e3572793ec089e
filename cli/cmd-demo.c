/*
 * cmd-demo.c - `sigsurvey demo`: seeds the database with events and
 * realistic, reproducible synthetic responses. Every response is made up
 * as fields, then goes through form_validate() like a real submission.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "buf.h"
#include "cli.h"
#include "date.h"
#include "demo.h"
#include "util.h"

#define BATCH 2000
#define SPAN_DAYS 540          /* events spread over the last ~18 months */
#define EVENT_FORM "event-feedback"

static const char usage_text[] =
	"usage: sigsurvey demo [--events N] [--responses N] [--seed N]\n"
	"                      [--today YYYY-MM-DD]\n\n"
	"Adds N events of the per-event form (event-feedback) over the last\n"
	"18 months and N synthetic responses spread over them, plus a tenth\n"
	"as many for each standing form. Every response passes the form's\n"
	"validation. The same seed (and day) gives the same responses.\n"
	"Running it again adds more: event keys already in the database get\n"
	"a -2, -3, ... suffix and tokens continue after the stored responses.\n\n"
	"  --events N      events to add (default 12)\n"
	"  --responses N   event-feedback responses in total (default 2000)\n"
	"  --seed N        random seed (default 1)\n"
	"  --today DATE    pretend today is DATE (default: today, UTC)\n";

struct opts {
	long events, responses, seed;
	const char *today;
};

struct batch {
	struct store *s;
	struct submission sub[BATCH];
	struct validation val[BATCH];
	char token[BATCH][64];
	size_t n;
	long stored, duplicates;
};

enum { O_EVENTS, O_RESPONSES, O_SEED, O_TODAY };

static int parse_args(int argc, char **argv, struct opts *o)
{
	static const struct cli_option table[] = {
		{ "--events", 1, O_EVENTS }, { "--responses", 1, O_RESPONSES },
		{ "--seed", 1, O_SEED }, { "--today", 1, O_TODAY },
		{ NULL, 0, 0 },
	};
	static const long max[] = { 100000, 100000000, LONG_MAX };
	long *slot[] = { &o->events, &o->responses, &o->seed };
	struct cli_opts p;
	int id;

	cli_opts_init(&p, "demo", usage_text, table, argc, argv);
	while ((id = cli_opts_next(&p)) >= 0) {
		if (id == O_TODAY && !date_valid(p.value))
			return cli_usage_error("demo", usage_text,
					       "--today wants a date like "
					       "2026-03-14, not '%s'", p.value);
		if (id == O_TODAY)
			o->today = p.value;
		else if (cli_parse_long(p.value, slot[id]) < 0 ||
			 *slot[id] > max[id])
			return cli_usage_error("demo", usage_text,
					       "%s wants a whole number, "
					       "not '%s'", p.name, p.value);
	}
	if (id != CLI_OPT_END)
		return id == CLI_OPT_HELP ? 1 : 2;
	if (o->responses > 0 && o->events == 0)
		return cli_usage_error("demo", usage_text,
				       "responses need at least one event");
	return 0;
}

static int flush(struct batch *b)
{
	int ret = 0;

	if (b->n && store_submit(b->s, b->sub, b->n) < 0)
		ret = -1;
	for (size_t i = 0; i < b->n; i++) {
		if (!ret && b->sub[i].duplicate)
			b->duplicates++;
		else if (!ret)
			b->stored++;
		validation_release(&b->val[i]);
	}
	b->n = 0;
	return ret;
}

/*
 * Generates one response for form f and queues it; validates it first
 * (a failure is a bug in the generator, reported as an error).
 */
static int add_response(struct batch *b, struct rng *r, const struct form *f,
			long long version, const char *event, double mood,
			long long when, const char *today, long seed, long n,
			struct demo_resp *d)
{
	struct validation *v = &b->val[b->n];
	struct submission *s = &b->sub[b->n];

	demo_answer(r, f, mood, today, d);
	validation_init(v);
	if (form_validate(f, d->f, d->n, -1, v)) {
		int ret = error("demo: a generated %s response fails "
				"validation: %s: %s", f->key, v->err[0].key,
				v->err[0].msg);

		validation_release(v);
		return ret;
	}
	snprintf(b->token[b->n], sizeof(b->token[0]), "demo-%ld-%ld", seed, n);
	memset(s, 0, sizeof(*s));
	s->form = f->key;
	s->version = version;
	s->event = event;
	s->submitted = when;
	s->token = b->token[b->n];
	s->answers = v->ans.v;
	s->nanswers = v->ans.n;
	b->n++;
	return b->n == BATCH ? flush(b) : 0;
}

static const char *event_location(struct rng *r, const char *format,
				  struct buf *tmp)
{
	buf_reset(tmp);
	if (!strcmp(format, "webinar"))
		return "Online (video call)";
	buf_adds(tmp, rng_pick(r, demo_venues.v, demo_venues.n));
	if (!strcmp(format, "hybrid"))
		buf_adds(tmp, ", and online");
	return tmp->s;
}

struct demo_event {
	char key[128];
	long day;                  /* days since 1970-01-01 */
	long start_hour;           /* UTC */
	double quality;            /* 0..1: how well it went */
	double weight;             /* share of the responses */
};

/* A key not yet used in this run or in the database. */
static int free_key(struct store *s, struct demo_event *ev, size_t nev,
		    const char *base)
{
	for (int k = 1; k < 1000; k++) {
		struct event got = { 0 };
		int used = 0, r;

		if (k == 1)
			snprintf(ev[nev].key, sizeof(ev[0].key), "%s", base);
		else
			snprintf(ev[nev].key, sizeof(ev[0].key), "%s-%d", base,
				 k);
		for (size_t i = 0; i < nev && !used; i++)
			used = !strcmp(ev[i].key, ev[nev].key);
		if (used)
			continue;
		r = store_event_get(s, ev[nev].key, &got);
		if (r < 0)
			return -1;
		event_release(&got);
		if (r == 0)
			return 0;
	}
	return error("demo: no free event key for %s", base);
}

static int add_events(struct store *s, struct rng *r, const struct form *f,
		      long today, struct demo_event *ev, long nev)
{
	size_t first = (size_t)rng_next(r) % demo_ntitles;
	struct buf loc = BUF_INIT, base = BUF_INIT;
	int ret = 0;

	for (long i = 0; i < nev && !ret; i++) {
		const struct demo_title *t = &demo_titles[(first + (size_t)i) %
							   demo_ntitles];
		struct event e = { 0 };
		long day = today - SPAN_DAYS +
			   (long)((double)(i + 1) * SPAN_DAYS / (double)nev) -
			   2 - rng_range(r, 0, 3);
		char date[11];
		long wd = ((day % 7) + 10) % 7;   /* 0 = Monday */

		if (wd >= 5)
			day -= wd - 4;            /* weekends to Friday */
		date_days_ymd(day, date);
		buf_reset(&base);
		buf_addf(&base, "%.7s-%s", date, t->slug);
		if (free_key(s, ev, (size_t)i, base.s) < 0) {
			ret = -1;
			break;
		}
		ev[i].day = day;
		ev[i].start_hour = !strcmp(t->format, "webinar") ? 14 : 9;
		ev[i].quality = 0.7 + 0.13 * rng_normal(r);
		ev[i].quality = ev[i].quality < 0.15 ? 0.15
				: ev[i].quality > 0.95 ? 0.95 : ev[i].quality;
		e.key = ev[i].key;
		e.form = f->key;
		e.title = (char *)t->title;
		e.date = date;
		e.format = (char *)t->format;
		e.location = (char *)event_location(r, t->format, &loc);
		e.presenter = (char *)rng_pick(r, demo_presenters.v,
					       demo_presenters.n);
		e.series = (char *)t->series;
		e.attendees = !strcmp(t->format, "in_person")
				      ? rng_range(r, 15, 60)
				      : rng_range(r, 25, 120);
		e.closes = (long long)(day + 30) * 86400;
		ev[i].weight = (double)e.attendees * (0.3 + 0.7 * rng_unit(r));
		ret = store_event_add(s, &e);
	}
	buf_release(&loc);
	buf_release(&base);
	return ret;
}

/* Responses per event: a multinomial draw over the events' weights. */
static void spread(struct rng *r, const struct demo_event *ev, long nev,
		   long total, long *count)
{
	double sum = 0;

	for (long i = 0; i < nev; i++) {
		sum += ev[i].weight;
		count[i] = 0;
	}
	for (long k = 0; k < total; k++) {
		double x = rng_unit(r) * sum;
		long i = 0;

		while (i < nev - 1 && x >= ev[i].weight)
			x -= ev[i++].weight;
		count[i]++;
	}
}

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

static void today_utc(char out[11])
{
	date_utc_day((long long)time(NULL), out);
}

struct run {
	struct store *s;
	struct formset fs;
	struct opts o;
	struct rng r;
	struct batch *b;
	struct demo_resp d;
	char today[11];
	long next_token;
};

/*
 * Between 35% and 85% of attendees answer a feedback form: raises the
 * event's attendee count when the responses drawn for it would make the
 * response rate implausible.
 */
static int fit_attendees(struct store *s, struct rng *r, const char *key,
			 long responses)
{
	double rate = 0.35 + 0.5 * rng_unit(r);
	long need = (long)ceil((double)responses / rate);
	struct event e = { 0 };
	int ret = 0;

	if (store_event_get(s, key, &e) != 1)
		return error("demo: event %s vanished", key);
	if (e.attendees < need) {
		e.attendees = need;
		ret = store_event_update(s, &e);
	}
	event_release(&e);
	return ret;
}

static int event_responses(struct run *x, const struct form *f,
			   long long version, struct demo_event *ev)
{
	long *count = xcalloc((size_t)x->o.events, sizeof(*count));
	long long last = (long long)demo_days(x->today) * 86400 - 1;
	int ret = 0;

	spread(&x->r, ev, x->o.events, x->o.responses, count);
	for (long i = 0; i < x->o.events && !ret; i++)
		ret = fit_attendees(x->s, &x->r, ev[i].key, count[i]);
	for (long i = 0; i < x->o.events && !ret; i++) {
		long long start = (long long)ev[i].day * 86400 +
				  ev[i].start_hour * 3600;

		for (long k = 0; k < count[i] && !ret; k++) {
			double delay = 5400 - 72000 * log(1 - rng_unit(&x->r));
			long long when = start + (long long)(delay < 518400
							     ? delay : 518400);
			double mood = ev[i].quality + 0.15 * rng_normal(&x->r);

			if (when > last)
				when = last;
			ret = add_response(x->b, &x->r, f, version, ev[i].key,
					   mood, when, x->today, x->o.seed,
					   x->next_token++, &x->d);
		}
	}
	free(count);
	return ret;
}

static int standing_responses(struct run *x, const struct form *f,
			      long long version, long n)
{
	long long *when = xcalloc((size_t)n + 1, sizeof(*when));
	long long from = ((long long)demo_days(x->today) - SPAN_DAYS) * 86400;
	long long span = (long long)SPAN_DAYS * 86400;
	int ret = 0;

	for (long i = 0; i < n; i++)
		when[i] = from + (long long)(rng_unit(&x->r) * (double)span);
	qsort(when, (size_t)n, sizeof(*when), cmp_ll);
	for (long i = 0; i < n && !ret; i++)
		ret = add_response(x->b, &x->r, f, version, NULL,
				   0.5 + 0.2 * rng_normal(&x->r), when[i],
				   x->today, x->o.seed, x->next_token++,
				   &x->d);
	free(when);
	return ret;
}

static int seed_db(struct run *x, struct buf *summary)
{
	const struct form *evf = formset_find(&x->fs, EVENT_FORM);
	struct demo_event *ev = NULL;
	long long version;
	long standing = (x->o.responses + 5) / 10;
	int ret = -1;

	for (size_t i = 0; !evf && i < x->fs.n; i++)
		if (x->fs.v[i]->per_event)
			evf = x->fs.v[i];
	if (!evf)
		return error("demo: no per-event form in %s", "the forms");
	for (size_t i = 0; i < x->fs.n; i++) {
		long c = store_count_responses(x->s, x->fs.v[i]->key);

		if (c < 0)
			return -1;
		x->next_token += c;
	}
	ev = xcalloc((size_t)x->o.events + 1, sizeof(*ev));
	if (store_put_form(x->s, evf, &version) < 0 ||
	    add_events(x->s, &x->r, evf, demo_days(x->today), ev,
		       x->o.events) < 0 ||
	    event_responses(x, evf, version, ev) < 0 || flush(x->b) < 0)
		goto out;
	buf_addf(summary, "%ld events, %ld %s", x->o.events, x->b->stored,
		 evf->key);
	for (size_t i = 0; i < x->fs.n; i++) {
		const struct form *f = x->fs.v[i];
		long before = x->b->stored;

		if (f->per_event)
			continue;
		if (store_put_form(x->s, f, &version) < 0 ||
		    standing_responses(x, f, version, standing) < 0 ||
		    flush(x->b) < 0)
			goto out;
		buf_addf(summary, ", %ld %s", x->b->stored - before, f->key);
	}
	ret = 0;
out:
	free(ev);
	return ret;
}

int cmd_demo(struct cli *cli, int argc, char **argv)
{
	struct run x = { .o = { 12, 2000, 1, NULL } };
	struct buf summary = BUF_INIT;
	struct timespec t0, t1;
	struct stat st;
	int ret, status = 1;

	ret = parse_args(argc, argv, &x.o);
	if (ret)
		return ret == 1 ? 0 : ret;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (x.o.today)
		memcpy(x.today, x.o.today, 11);
	else
		today_utc(x.today);
	rng_seed(&x.r, (uint64_t)x.o.seed);
	if (cli_load_forms(cli, &x.fs) < 0)
		goto out;
	if (cli_open_store(cli, &x.s, CLI_DB_CREATE) < 0)
		goto out;
	x.b = xcalloc(1, sizeof(*x.b));
	x.b->s = x.s;
	if (seed_db(&x, &summary) < 0) {
		for (size_t i = 0; i < x.b->n; i++)   /* not stored */
			validation_release(&x.b->val[i]);
		goto out;
	}
	store_close(x.s);            /* checkpoints: the size is final */
	x.s = NULL;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (x.b->duplicates)
		warning("demo: %ld responses were already stored (same tokens)",
			x.b->duplicates);
	printf("demo: %s responses in %.1f s", summary.s,
	       (double)(t1.tv_sec - t0.tv_sec) +
		       (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	if (stat(cli->db, &st) == 0)
		printf(" (%s, %.1f MB)", cli->db, (double)st.st_size / 1e6);
	putchar('\n');
	status = 0;
out:
	demo_resp_release(&x.d);
	free(x.b);
	store_close(x.s);
	formset_release(&x.fs);
	buf_release(&summary);
	return status;
}
