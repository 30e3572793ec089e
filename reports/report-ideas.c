/*
 * report-ideas.c - the "Programme pipeline" section of a board form's
 * report (board: true, as training-ideas): the most wanted ideas with
 * their status, how many wait for moderation, the offers to present or
 * mentor per topic (counts only: no name ever reaches the PDF), and the
 * ideas that became events in the report's period.
 */
#include "report-int.h"

#include <string.h>

#include "date.h"
#include "idea.h"
#include "util.h"

#define TOP_IDEAS 10

/* One table of ideas: cells per idea from fill(); nothing when n is 0. */
static void idea_table(struct rpt *r, const struct col *cols, size_t ncols,
		       const struct idea_info *v, size_t n,
		       void (*fill)(const struct idea_info *i, struct buf *c))
{
	struct buf c[4] = { BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT };
	struct table t;

	rp_table_start(r, &t, cols, ncols, n + 1);
	for (size_t i = 0; i < n; i++) {
		const char *cells[4];

		for (size_t k = 0; k < ncols; k++)
			buf_reset(&c[k]);
		fill(&v[i], c);
		for (size_t k = 0; k < ncols; k++)
			cells[k] = c[k].s ? c[k].s : "";
		rp_table_row(r, &t, cells, 0);
	}
	rp_table_end(r, &t);
	for (size_t k = 0; k < 4; k++)
		buf_release(&c[k]);
}

static void fill_top(const struct idea_info *i, struct buf *c)
{
	buf_adds(&c[0], i->topic);
	buf_adds(&c[1], idea_status_label(i->status));
	rp_fmt_count(&c[2], i->votes);
}

static void fill_offers(const struct idea_info *i, struct buf *c)
{
	buf_adds(&c[0], i->topic);
	rp_fmt_count(&c[1], i->presenters);
	rp_fmt_count(&c[2], i->mentors);
}

static void fill_events(const struct idea_info *i, struct buf *c)
{
	buf_adds(&c[0], i->topic);
	buf_adds(&c[1], i->event_title);
	buf_adds(&c[2], i->event_date);
	rp_fmt_count(&c[3], i->votes);
}

/* The unmoderated count, with the day the newest of them was sent. */
static int waiting(struct rpt *r, const char *today)
{
	struct idea_filter f = { .status = "new", .today = today,
				 .newest = 1, .limit = 1 };
	struct idea_info *v = NULL;
	struct buf b = BUF_INIT;
	size_t n = 0;
	long count = store_idea_count(r->store, &f);

	if (count < 0 || store_idea_list(r->store, &f, &v, &n) < 0)
		return -1;
	buf_addf(&b, "Awaiting moderation: %ld idea%s", count,
		 plural(count, "", "s"));
	if (n) {
		char day[DATE_YMD_SIZE];

		date_utc_day(v[0].created, day);
		buf_addf(&b, ", the newest sent on %s", day);
	}
	buf_adds(&b, ".");
	rp_para(r, b.s, PDF_REGULAR, SZ_BODY, COL_TEXT, 0);
	buf_release(&b);
	ideas_free(v, n);
	return 0;
}

int rp_pipeline(struct rpt *r)
{
	static const struct col top_cols[] = {
		{ "Idea", 300, 0 }, { "Status", 90, 0 }, { "Votes", 60, 1 },
	};
	static const struct col offer_cols[] = {
		{ "Idea", 300, 0 }, { "Offers to present", 80, 1 },
		{ "Offers to mentor", 80, 1 },
	};
	static const struct col event_cols[] = {
		{ "Idea", 180, 0 }, { "Event", 150, 0 }, { "Date", 60, 0 },
		{ "Votes", 45, 1 },
	};
	struct idea_filter f = { .status = "public", .limit = -1 };
	struct idea_info *v = NULL, *ev = NULL;
	size_t n = 0, nev = 0, k = 0;
	char today[DATE_YMD_SIZE];
	int ret = -1;

	if (!r->form->board)
		return 0;
	idea_today((long long)r->o->now, today);
	f.today = today;
	if (store_idea_list(r->store, &f, &v, &n) < 0)
		goto out;
	f.event_from = r->o->scope.from ? r->o->scope.from : "0000-01-01";
	f.event_to = r->o->scope.to;
	if (store_idea_list(r->store, &f, &ev, &nev) < 0)
		goto out;
	rp_heading(r, 0, "Programme pipeline", 1);
	rp_note(r, "The topic board: members' ideas by votes (one per "
		"browser), their status, and the events that answer them. "
		"Offers are counted only; names stay in the committee area.",
		PDF_REGULAR, SZ_SMALL, COL_MUTED);
	if (waiting(r, today) < 0)
		goto out;
	rp_heading(r, 1, "Most wanted", 0);
	idea_table(r, top_cols, 3, v, n < TOP_IDEAS ? n : TOP_IDEAS, fill_top);
	/* ideas with offers first, in vote order: compact the list */
	for (size_t i = 0; i < n; i++)
		if (v[i].presenters || v[i].mentors) {
			if (k != i) {
				struct idea_info t = v[k];

				v[k] = v[i];
				v[i] = t;
			}
			k++;
		}
	if (k) {
		rp_heading(r, 1, "Offers to present or mentor", 0);
		idea_table(r, offer_cols, 3, v, k, fill_offers);
	}
	rp_heading(r, 1, "Ideas turned into events in this period", 0);
	if (nev)
		idea_table(r, event_cols, 4, ev, nev, fill_events);
	else
		rp_para(r, "None yet.", PDF_REGULAR, SZ_BODY, COL_TEXT, 0);
	ret = 0;
out:
	ideas_free(v, n);
	ideas_free(ev, nev);
	return ret;
}
