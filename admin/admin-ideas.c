/*
 * admin-ideas.c - /admin/ideas, the committee's moderation of the topic
 * board: the ideas (awaiting moderation first), and one idea with its
 * changes (admins): approve, the public wording, the status with an
 * event or a note, merging into another idea; and who offered to
 * present or mentor, with their contact details (admins only).
 */
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "date.h"
#include "idea.h"

static const char *done_text(const char *done)
{
	static const char *const v[][2] = {
		{ "approve", "The idea was approved: it is on the topic board." },
		{ "edit", "The public wording was saved." },
		{ "status", "The status was saved." },
		{ "merge", "The idea was merged into this one." },
	};

	for (size_t i = 0; done && i < ARRAY_SIZE(v); i++)
		if (!strcmp(done, v[i][0]))
			return v[i][1];
	return NULL;
}

static void done_notice(struct areq *a)
{
	const char *done = done_text(areq_valid(a, "done"));

	if (done) {
		html_lit(a->h, "<div class=\"notice\" role=\"status\"><p>");
		html_text(a->h, done);
		html_lit(a->h, "</p></div>\n");
	}
}

/* ---- the list ---- */

static void list_filter(struct areq *a, const char *status)
{
	struct html *h = a->h;

	html_lit(h, "<form method=\"get\" class=\"filters\"");
	html_attrf(h, "action", "%s/admin/ideas", a->c->prefix);
	html_lit(h, "><div class=\"field\"><label class=\"label\" "
		 "for=\"status\">Status</label><select class=\"input\" "
		 "id=\"status\" name=\"status\"><option value=\"\">Any "
		 "(not merged)</option>");
	for (size_t i = 0; idea_statuses[i]; i++) {
		html_lit(h, "<option");
		html_attr(h, "value", idea_statuses[i]);
		if (status && !strcmp(status, idea_statuses[i]))
			html_lit(h, " selected");
		html_lit(h, ">");
		html_text(h, idea_status_label(idea_statuses[i]));
		html_lit(h, "</option>");
	}
	html_lit(h, "</select></div><div class=\"buttons\"><button "
		 "type=\"submit\" class=\"button button-secondary\">Show"
		 "</button></div></form>\n");
}

static void list_row(struct areq *a, const struct idea_info *i)
{
	struct html *h = a->h;
	char day[DATE_YMD_SIZE];

	date_utc_day(i->created, day);
	html_lit(h, "<tr><td>");
	html_num(h, i->id);
	html_lit(h, "</td><th scope=\"row\" class=\"idea-topic-cell\"><a");
	page_hreff(a->p, "/admin/ideas/%lld", i->id);
	html_lit(h, ">");
	html_text(h, i->topic);
	html_lit(h, "</a></th><td>");
	html_text(h, idea_status_label(i->status));
	html_lit(h, "</td><td>");
	html_num(h, i->votes);
	html_lit(h, "</td><td>");
	html_num(h, i->presenters);
	html_lit(h, " / ");
	html_num(h, i->mentors);
	html_lit(h, "</td><td>");
	html_text(h, day);
	html_lit(h, "</td></tr>\n");
}

int admin_ideas(struct areq *a)
{
	struct html *h = a->h;
	const char *status = areq_valid(a, "status");
	struct idea_filter f = { .status = status, .limit = 500 };
	struct idea_filter nf = { .status = "new" };
	struct idea_info *v = NULL;
	char today[DATE_YMD_SIZE];
	size_t n = 0;
	long waiting;

	idea_today(a->p->now, today);
	f.today = nf.today = today;
	waiting = store_idea_count(a->db, &nf);
	if (waiting < 0 || store_idea_list(a->db, &f, &v, &n) < 0) {
		admin_error(a, 503, "Please try again",
			    "The ideas could not be read just now.");
		return 0;
	}
	a->p->rs->status = 200;
	admin_begin(a, "Topic board", "ideas");
	html_lit(h, "<h1>Topic board</h1>\n<p class=\"lead\">");
	html_textf(h, "%ld idea%s awaiting moderation. ", waiting,
		   plural(waiting, "", "s"));
	html_lit(h, "Approved ideas are public at <a");
	page_href(a->p, "/ideas");
	html_lit(h, ">the topic board</a>, without any name or contact "
		 "detail.</p>\n");
	list_filter(a, status);
	if (!n) {
		html_lit(h, "<p>No ideas.</p>\n");
	} else {
		html_lit(h, "<div class=\"table-wrap\"><table class=\"data\">"
			 "<caption class=\"visually-hidden\">Ideas</caption>"
			 "<thead><tr><th scope=\"col\">#</th><th scope=\"col\">"
			 "Topic</th><th scope=\"col\">Status</th><th "
			 "scope=\"col\">Votes</th><th scope=\"col\">Offers to "
			 "present / mentor</th><th scope=\"col\">Sent</th>"
			 "</tr></thead><tbody>\n");
		for (size_t i = 0; i < n; i++)
			list_row(a, &v[i]);
		html_lit(h, "</tbody></table></div>\n");
	}
	admin_end(a);
	ideas_free(v, n);
	return 0;
}

/* ---- one idea ---- */

static void row(struct html *h, const char *label, const char *value)
{
	html_lit(h, "<dt>");
	html_text(h, label);
	html_lit(h, "</dt><dd class=\"idea-text\">");
	html_text(h, value && *value ? value : "\xe2\x80\x94");
	html_lit(h, "</dd>");
}

static void details(struct areq *a, const struct idea_info *i)
{
	struct html *h = a->h;

	html_lit(h, "<dl class=\"answers\">");
	row(h, "Status", idea_status_label(i->status));
	html_lit(h, "<dt>Votes</dt><dd>");
	html_num(h, i->votes);
	html_lit(h, "</dd>");
	row(h, "Public topic", i->topic);
	row(h, "Public description", i->description);
	row(h, "Topic as sent", i->orig_topic);
	row(h, "Description as sent", i->orig_description);
	row(h, "Level", i->level);
	row(h, "Format", i->format);
	if (i->event) {
		html_lit(h, "<dt>Event</dt><dd><a");
		page_hreff(a->p, "/admin/events/%s", i->event);
		html_lit(h, ">");
		html_text(h, i->event_title);
		html_lit(h, "</a> (");
		page_date(h, i->event_date);
		html_lit(h, ")</dd>");
	}
	row(h, "Note", i->note);
	if (i->merged_into) {
		html_lit(h, "<dt>Merged into</dt><dd><a");
		page_hreff(a->p, "/admin/ideas/%lld", i->merged_into);
		html_lit(h, ">");
		html_textf(h, "idea %lld", i->merged_into);
		html_lit(h, "</a></dd>");
	}
	html_lit(h, "</dl>\n");
}

/* Who offered to present or mentor: for admins' eyes only (README). */
static void offers(struct areq *a, const struct idea_info *i)
{
	struct html *h = a->h;
	struct idea_offer *o = NULL;
	size_t n = 0;

	html_lit(h, "<h2>Offers to present or mentor</h2>\n");
	if (store_idea_offers(a->db, i->id, &o, &n) < 0 || !n) {
		html_lit(h, "<p>None.</p>\n");
		return;
	}
	if (!a->is_admin) {
		html_lit(h, "<p>");
		html_textf(h, "%zu offer%s. Who offered, and how to reach them, "
			   "is for admins only (the Follow-up page).", n,
			   plural(n, "", "s"));
		html_lit(h, "</p>\n");
		idea_offers_free(o, n);
		return;
	}
	html_lit(h, "<p class=\"meta\">Contact details are for admins only; "
		 "they are never shown on the board or in a report."
		 "</p>\n<ul>");
	for (size_t k = 0; k < n; k++) {
		html_lit(h, "<li>");
		html_text(h, o[k].name ? o[k].name : "(no name)");
		if (o[k].email) {
			html_lit(h, " &lt;");
			html_text(h, o[k].email);
			html_lit(h, "&gt;");
		}
		html_textf(h, ": %s%s%s", o[k].present ? "present" : "",
			   o[k].present && o[k].mentor ? " and " : "",
			   o[k].mentor ? "mentor" : "");
		html_lit(h, "</li>");
	}
	html_lit(h, "</ul>\n");
	idea_offers_free(o, n);
}

static void textarea(struct areq *a, const char *id, const char *label,
		     const char *value)
{
	struct html *h = a->h;

	html_lit(h, "<div class=\"field\"><label class=\"label\"");
	html_attr(h, "for", id);
	html_lit(h, ">");
	html_text(h, label);
	html_lit(h, "</label><textarea class=\"input\" rows=\"4\"");
	html_attr(h, "id", id);
	html_attr(h, "name", id);
	html_lit(h, ">");
	html_text(h, value);
	html_lit(h, "</textarea></div>\n");
}

static void hidden_action(struct areq *a, const char *action)
{
	html_lit(a->h, "<input type=\"hidden\" name=\"action\"");
	html_attr(a->h, "value", action);
	html_lit(a->h, ">");
}

static void status_form(struct areq *a, const struct idea_info *i)
{
	struct html *h = a->h;
	const char *labels[8];
	struct event *ev = NULL;
	size_t n = 0, k = 0;

	for (; idea_public_statuses[k]; k++)
		labels[k] = idea_status_label(idea_public_statuses[k]);
	html_lit(h, "<section class=\"panel\"><h2>Status</h2>\n");
	admin_form_open(a, "/admin/ideas/%lld", i->id);
	hidden_action(a, "status");
	admin_select(a, "set", "Status", idea_public_statuses, labels, k,
		     i->status, NULL);
	html_lit(h, "<div class=\"field\"><label class=\"label\" "
		 "for=\"link\">Event that answers it</label><select "
		 "class=\"input\" id=\"link\" name=\"link\"><option "
		 "value=\"\">None</option>");
	store_event_list_brief(a->db, NULL, &ev, &n);
	for (size_t e = 0; e < n; e++) {
		html_lit(h, "<option");
		html_attr(h, "value", ev[e].key);
		if (i->event && !strcmp(i->event, ev[e].key))
			html_lit(h, " selected");
		html_lit(h, ">");
		html_text(h, ev[e].date);
		html_lit(h, " ");
		html_text(h, ev[e].title);
		html_lit(h, "</option>");
	}
	events_free(ev, n);
	html_lit(h, "</select></div>\n");
	admin_input(a, "note", "Public note", "Short: why it was declined, or "
		    "what is planned. Empty: none.", "text", i->note, "off",
		    NULL, 0);
	html_lit(h, "<div class=\"buttons\"><button type=\"submit\" "
		 "class=\"button\">Save the status</button></div></form>"
		 "</section>\n");
}

static void change_forms(struct areq *a, const struct idea_info *i)
{
	struct html *h = a->h;

	if (!strcmp(i->status, "new")) {
		admin_form_open(a, "/admin/ideas/%lld", i->id);
		hidden_action(a, "approve");
		html_lit(h, "<div class=\"buttons\"><button type=\"submit\" "
			 "class=\"button\">Approve: show it on the board"
			 "</button></div></form>\n");
	} else {
		status_form(a, i);
	}
	html_lit(h, "<section class=\"panel\"><h2>Public wording</h2>\n<p "
		 "class=\"meta\">The member's own wording is kept.</p>\n");
	admin_form_open(a, "/admin/ideas/%lld", i->id);
	hidden_action(a, "edit");
	admin_input(a, "topic", "Topic", NULL, "text", i->topic, "off", NULL,
		    INPUT_REQUIRED);
	textarea(a, "description", "Description", i->description);
	html_lit(h, "<div class=\"buttons\"><button type=\"submit\" "
		 "class=\"button button-secondary\">Save the wording</button>"
		 "</div></form></section>\n");
	html_lit(h, "<section class=\"panel\"><h2>Merge a duplicate</h2>\n");
	admin_form_open(a, "/admin/ideas/%lld", i->id);
	hidden_action(a, "merge");
	admin_input(a, "into", "Merge this idea into idea number",
		    "Its votes move there; a browser that voted for both "
		    "counts once.", "number", NULL, "off", NULL, 0);
	html_lit(h, "<div class=\"buttons\"><button type=\"submit\" "
		 "class=\"button button-secondary\">Merge</button></div>"
		 "</form></section>\n");
}

static void idea_page(struct areq *a, const struct idea_info *i)
{
	struct html *h = a->h;

	a->p->rs->status = 200;
	admin_begin(a, "Idea", "ideas");
	html_lit(h, "<p><a");
	page_href(a->p, "/admin/ideas");
	html_lit(h, ">All ideas</a></p>\n<h1 class=\"idea-topic\">");
	html_text(h, i->topic);
	html_lit(h, "</h1>\n");
	done_notice(a);
	details(a, i);
	offers(a, i);
	if (a->is_admin && strcmp(i->status, "merged"))
		change_forms(a, i);
	admin_end(a);
}

/* The admin's change; 0 with the page answered, whatever happened. */
static int idea_change(struct areq *a, const struct idea_info *i)
{
	const char *action = areq_valid(a, "action");
	const char *topic = areq_form(a, "topic"), *desc =
		areq_form(a, "description"), *note = areq_form(a, "note");
	const char *bad = NULL;
	long long into = areq_int(a, "into", 0);
	int rc = -1;

	if (!action) {
		bad = "No change was asked for.";
	} else if (!strcmp(action, "approve")) {
		rc = store_idea_approve(a->db, i->id, a->p->now);
	} else if (!strcmp(action, "edit")) {
		if (idea_topic_problem(topic) ||
		    idea_description_problem(desc))
			bad = "The topic must be one line of at most 120 "
			      "characters, the description at most 3000.";
		else
			rc = store_idea_edit(a->db, i->id, topic,
					     desc ? desc : "", a->p->now);
	} else if (!strcmp(action, "status")) {
		const char *link = areq_valid(a, "link");

		if (!areq_valid(a, "set") || idea_note_problem(note))
			bad = "Choose a status; the note is at most 500 "
			      "characters.";
		else
			rc = store_idea_status(a->db, i->id,
					       areq_valid(a, "set"),
					       link ? link : "",
					       note ? note : "", a->p->now);
	} else if (!strcmp(action, "merge")) {
		if (!into)
			bad = "Give the number of the idea to merge into.";
		else
			rc = store_idea_merge(a->db, i->id, into, a->p->now);
	} else {
		bad = "That change is not known.";
	}
	if (bad || rc < 0) {
		admin_error(a, bad ? 400 : 409, "Nothing was changed",
			    bad ? bad : "The change does not fit this idea "
			    "now (approve it first, or check the idea "
			    "number). Go back and try again.");
		return 0;
	}
	if (!strcmp(action, "merge"))
		admin_redirect(a, "/admin/ideas/%lld?done=merge", into);
	else
		admin_redirect(a, "/admin/ideas/%lld?done=%s", i->id, action);
	return 0;
}

int admin_idea(struct areq *a)
{
	struct idea_info i = { 0 };
	char today[DATE_YMD_SIZE];
	int found;

	idea_today(a->p->now, today);
	found = store_idea_get(a->db, a->id, today, &i);
	if (found < 0)
		admin_error(a, 503, "Please try again",
			    "The idea could not be read just now.");
	else if (!found)
		admin_not_found(a);
	else if (a->post)
		idea_change(a, &i);
	else
		idea_page(a, &i);
	idea_release(&i);
	return 0;
}

void admin_idea_panel(struct areq *a, const struct event *e)
{
	struct html *h = a->h;
	struct idea_info i = { 0 };
	char today[DATE_YMD_SIZE];

	idea_today(a->p->now, today);
	if (store_idea_for_event(a->db, e->key, today, &i) != 1)
		return;
	html_lit(h, "<section class=\"panel\" aria-labelledby=\"idea-h\">"
		 "<h2 id=\"idea-h\">Suggested by members</h2>\n<p><a");
	page_hreff(a->p, "/admin/ideas/%lld", i.id);
	html_lit(h, ">");
	html_text(h, i.topic);
	html_lit(h, "</a>: ");
	html_textf(h, "%ld supporter%s on the topic board", i.votes,
		   plural(i.votes, "", "s"));
	if (i.presenters || i.mentors)
		html_textf(h, ", %ld offer%s to present, %ld to mentor",
			   i.presenters, plural(i.presenters, "", "s"),
			   i.mentors);
	html_lit(h, ".</p></section>\n");
	idea_release(&i);
}
