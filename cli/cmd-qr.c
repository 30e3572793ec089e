/*
 * cmd-qr.c - `sigsurvey qr URL`: prints the QR code of an address in the
 * terminal, for a phone to scan at once (make run prints today's event).
 */
#include <stdio.h>
#include <unistd.h>

#include "cli.h"
#include "qr.h"
#include "util.h"

static const char usage_qr[] =
	"usage: sigsurvey qr URL\n"
	"Prints the QR code of URL with UTF-8 half blocks (white on black\n"
	"when standard output is a terminal).\n";

int cmd_qr(struct cli *cli, int argc, char **argv)
{
	static const struct cli_option none[] = { { NULL, 0, 0 } };
	struct cli_opts p;
	struct buf out = BUF_INIT;
	struct qr q;
	int id;

	cli_opts_init(&p, "qr", usage_qr, none, argc, argv);
	p.max_operands = 1;
	id = cli_opts_next(&p);
	if (id != CLI_OPT_END)
		return cli_opts_exit(id);
	if (p.nops < 1)
		return cli_usage_error("qr", usage_qr, "which address? give a URL");
	if (qr_make(&q, argv[1]) < 0)
		return 1;
	qr_text(&q, isatty(STDOUT_FILENO), &out);
	qr_release(&q);
	fwrite(out.s, 1, out.len, stdout);
	buf_release(&out);
	return fflush(stdout) == 0 ? 0 : 1;
}
