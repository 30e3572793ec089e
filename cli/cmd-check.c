/*
 * cmd-check.c - `sigsurvey check`: loads every form definition, lists all
 * problems as file:line:col messages, and with --against-db warns about
 * changes that break the history of recorded answers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "util.h"

static const char usage_text[] =
	"usage: sigsurvey check [--against-db] [--max-body BYTES]\n"
	"\n"
	"Validates every form in the forms directory (--forms DIR).\n"
	"Prints one line per form when all is well (exit 0), or every\n"
	"problem as FILE:LINE:COL: message (exit 1).\n"
	"\n"
	"  --against-db   also compare each form with the latest version\n"
	"                 recorded in the database (--db FILE) and warn\n"
	"                 about changes that break history: a question or\n"
	"                 likert item removed, a type changed, an option\n"
	"                 code dropped\n"
	"  --max-body BYTES  serve's --max-body (default 1048576): warn about\n"
	"                 forms whose answers may need more\n"
	"  --help         this text\n";

static size_t count_questions(const struct form *f)
{
	size_t n = 0;

	for (size_t i = 0; i < f->nq; i++)
		if (f->q[i].type != Q_SECTION)
			n++;
	return n;
}

struct count_ctx {
	struct store *s;
	const char *form;
};

static long count_answers(void *ctx, const char *key, const char *code)
{
	const struct count_ctx *c = ctx;

	return store_count_key(c->s, c->form, key, code);
}

/* Compares f with its recorded version; prints warnings to stderr. */
static int compare_one(struct store *s, const struct form *f)
{
	struct diag d = { 0 };
	struct buf name = BUF_INIT;
	struct form *old;
	char *text = store_latest_form(s, f->key);
	struct count_ctx cc = { s, f->key };
	int ret = 0;

	if (!text)
		return 0;
	buf_addf(&name, "recorded version of %s", f->key);
	old = form_load_text(name.s, text, strlen(text), &d);
	if (!old) {
		fprintf(stderr, "sigsurvey check: cannot read the recorded "
			"version of form %s:\n", f->key);
		ret = -1;
	} else if (strcmp(old->hash, f->hash)) {
		if (!form_diff_counted(old, f, &d, count_answers, &cc))
			fprintf(stderr, "%s: form %s: changed since recorded "
				"version %.8s; nothing breaks history\n",
				f->path, f->key, old->hash);
		else
			fprintf(stderr, "%s: form %s: changed since recorded "
				"version %.8s in ways that break history:\n",
				f->path, f->key, old->hash);
	}
	for (size_t i = 0; i < d.n; i++)
		fprintf(stderr, "warning: %s\n", d.v[i]);
	form_free(old);
	diag_release(&d);
	buf_release(&name);
	free(text);
	return ret;
}

static int against_db(struct cli *cli, const struct formset *fs)
{
	struct store *s = NULL;
	int ret = 0;

	if (cli_open_store(cli, &s, STORE_READONLY) < 0)
		return -1;
	for (size_t i = 0; i < fs->n; i++)
		if (compare_one(s, fs->v[i]) < 0)
			ret = -1;
	store_close(s);
	return ret;
}

/* Warns (stderr) when f's answers may need a body past max_body. */
static void check_body(const struct form *f, long max_body)
{
	struct form_limits lim;

	form_limits(f, &lim);
	if (lim.body <= (size_t)max_body)
		return;
	fprintf(stderr, "warning: %s: form %s: its answers may need %zu "
		"bytes, more than serve's --max-body of %ld; give serve a "
		"larger --max-body, or lower the max_length of long texts\n",
		f->path, f->key, lim.body, max_body);
}

int cmd_check(struct cli *cli, int argc, char **argv)
{
	static const struct cli_option opts[] = {
		{ "--against-db", 0, 0 }, { "--max-body", 1, 1 },
		{ NULL, 0, 0 },
	};
	struct cli_opts p;
	struct formset fs;
	long max_body = FORM_MAX_BODY_DEFAULT;
	int against = 0, ret = 0, id;

	cli_opts_init(&p, "check", usage_text, opts, argc, argv);
	while ((id = cli_opts_next(&p)) >= 0) {
		if (id == 0)
			against = 1;
		else if (cli_parse_long(p.value, &max_body) < 0 ||
			 max_body < 1024)
			return cli_usage_error("check", usage_text,
					       "--max-body needs a whole "
					       "number of at least 1024");
	}
	if (id != CLI_OPT_END)
		return cli_opts_exit(id);
	if (cli_load_forms(cli, &fs) < 0) {
		formset_release(&fs);
		return 1;
	}
	for (size_t i = 0; i < fs.n; i++) {
		const struct form *f = fs.v[i];

		printf("%s: %zu questions, %d page%s, %s, version %.8s\n",
		       f->key, count_questions(f), f->npages,
		       plural(f->npages, "", "s"),
		       f->per_event ? "per event" : "standing", f->hash);
		check_body(f, max_body);
	}
	fflush(stdout);
	if (against && against_db(cli, &fs) < 0)
		ret = 1;
	formset_release(&fs);
	return ret;
}
