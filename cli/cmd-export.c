/*
 * cmd-export.c - `sigsurvey export`: the responses of a form as CSV or
 * JSON Lines, streamed, or the codebook of its columns.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli-scope.h"
#include "export.h"
#include "outfile.h"
#include "util.h"

static const char usage_text[] =
	"usage: sigsurvey export --form KEY [--event KEY ...] [--series NAME]\n"
	"                        [--from DATE] [--to DATE] [--format csv|jsonl]\n"
	"                        [--labels] [--excel] [--codebook]\n"
	"                        [--no-contact] [-o FILE]\n\n"
	"Writes one row per response: response id, event, event title, event\n"
	"date, submitted time (UTC), then the answers in form order (a column\n"
	"per likert item, a column per option of a multiple choice holding 1\n"
	"or 0, KEY_other for Other boxes).\n\n"
	"  --form KEY         the form (required)\n"
	"  --event KEY        only this event (repeat for several)\n"
	"  --series NAME      only events of this series\n"
	"  --from, --to DATE  inclusive bounds on the event date\n"
	"  --format FORMAT    csv (default) or jsonl\n"
	"  --labels           option labels instead of codes\n"
	"  --excel            CSV for Excel: a byte order mark, local\n"
	"                     times, headings that say the question\n"
	"  --codebook         the columns, their questions and option codes\n"
	"  --no-contact       leave out contact details: the columns of email\n"
	"                     questions and of text questions keyed name,\n"
	"                     full_name, your_name, contact_name, phone or\n"
	"                     telephone (the committee area's viewers get this)\n"
	"  -o FILE            output (default: standard output)\n";

enum { O_LABELS, O_EXCEL, O_CODEBOOK, O_NO_CONTACT, O_FORMAT,
       O_OUTPUT };

int cmd_export(struct cli *cli, int argc, char **argv)
{
	static const struct cli_option table[] = {
		CLI_SCOPE_OPTIONS, { "--labels", 0, O_LABELS },
		{ "--excel", 0, O_EXCEL }, { "--codebook", 0, O_CODEBOOK },
		{ "--no-contact", 0, O_NO_CONTACT }, { "--format", 1, O_FORMAT },
		{ "--output", 1, O_OUTPUT },
		{ "-o", 1, O_OUTPUT }, { NULL, 0, 0 },
	};
	struct cli_opts p;
	struct cli_scope cs;
	struct export_opts o = { 0 };
	struct formset fs = { 0 };
	struct store *s = NULL;
	struct outfile of = { 0 };
	const struct form *f;
	struct form *hist = NULL;
	const char *out = NULL, *format = NULL;
	int ret = 1, id;

	cli_scope_init(&cs);
	cli_opts_init(&p, "export", usage_text, table, argc, argv);
	while ((id = cli_opts_next(&p)) >= 0) {
		if (id >= CLI_SCOPE_FORM && cli_scope_set(&cs, &p, id) < 0) {
			ret = 2;
			goto out;
		}
		switch (id) {
		case O_LABELS: o.labels = 1; break;
		case O_EXCEL: o.excel = 1; break;
		case O_CODEBOOK: o.codebook = 1; break;
		case O_NO_CONTACT: o.no_contact = 1; break;
		case O_FORMAT: format = p.value; break;
		case O_OUTPUT: out = p.value; break;
		}
	}
	if (id != CLI_OPT_END) {
		ret = cli_opts_exit(id);
		goto out;
	}
	if (format && strcmp(format, "csv") && strcmp(format, "jsonl")) {
		ret = cli_usage_error("export", usage_text,
				      "--format is csv or jsonl, not '%s'",
				      format);
		goto out;
	}
	o.format = format && !strcmp(format, "jsonl") ? EXPORT_JSONL
						       : EXPORT_CSV;
	if (cli_scope_check(&cs, "export", usage_text)) {
		ret = 2;
		goto out;
	}
	o.scope = cs.scope;
	if (cli_load_forms(cli, &fs) < 0)
		goto out;
	f = formset_find(&fs, cs.scope.form);
	if (!f) {
		error("no form '%s' in %s", cs.scope.form, cli->forms);
		goto out;
	}
	if (!o.codebook && (cli_open_store(cli, &s, STORE_READONLY) < 0 ||
			    store_quick_check(s) < 0 ||
			    cli_scope_events_exist(&cs, s)))
		goto out;
	if (outfile_open(&of, out ? out : "-") < 0)
		goto out;
	if (s && !(hist = store_form_history(s, f)))
		goto out;
	if (export_write(s, hist ? hist : f, &o, of.fp) < 0 ||
	    outfile_commit(&of) < 0)
		goto out;
	ret = 0;
out:
	outfile_close(&of);
	form_free(hist);
	store_close(s);
	formset_release(&fs);
	cli_scope_release(&cs);
	return ret;
}
