/*
 * cmd-certificates.c - `sigsurvey certificates list|revoke`: the
 * certificates of attendance issued through the thank-you pages, and
 * withdrawing one that was issued in error.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "certificate.h"
#include "cli.h"
#include "util.h"

static const char usage_certs[] =
	"usage: sigsurvey certificates list [--event KEY]\n"
	"       sigsurvey certificates revoke CODE\n";
static const char usage_list[] =
	"usage: sigsurvey certificates list [--event KEY]\n"
	"One certificate per line, tab-separated: code, issued (UTC day),"
	" name,\nevent, hours, and 'revoked' for a revoked one.\n";
static const char usage_revoke[] =
	"usage: sigsurvey certificates revoke CODE\n"
	"Marks the certificate revoked: its address /c/CODE says so.\n";

enum { O_EVENT };

static const struct cli_option list_opts[] = {
	{ "--event", 1, O_EVENT }, { NULL, 0, 0 },
};
static const struct cli_option no_opts[] = { { NULL, 0, 0 } };

/* Tabs and newlines in a name would break the columns. */
static void cell(const char *s)
{
	for (; s && *s; s++)
		putchar(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

static int certs_list(struct cli *cli, int argc, char **argv)
{
	struct cli_opts p;
	const char *event = NULL;
	struct certificate *v = NULL;
	struct store *s = NULL;
	size_t n = 0;
	int id, ret = 1;

	cli_opts_init(&p, "certificates list", usage_list, list_opts, argc,
		      argv);
	while ((id = cli_opts_next(&p)) >= 0)
		event = p.value;
	if (id != CLI_OPT_END)
		return cli_opts_exit(id);
	if (cli_open_store(cli, &s, STORE_READONLY) < 0 ||
	    store_certificate_list(s, event, &v, &n) < 0)
		goto out;
	if (isatty(STDOUT_FILENO))
		printf("code\tissued\tname\tevent\thours\n");
	for (size_t i = 0; i < n; i++) {
		char day[16], hours[16];
		time_t t = (time_t)v[i].issued;
		struct tm tm;

		gmtime_r(&t, &tm);
		strftime(day, sizeof(day), "%Y-%m-%d", &tm);
		certificate_hours_text(v[i].minutes, hours);
		printf("%s\t%s\t", v[i].code, day);
		cell(v[i].name);
		printf("\t%s\t%s%s\n", v[i].event, hours,
		       v[i].revoked ? "\trevoked" : "");
	}
	ret = fflush(stdout) == 0 ? 0 : 1;
out:
	certificates_free(v, n);
	store_close(s);
	return ret;
}

static int certs_revoke(struct cli *cli, int argc, char **argv)
{
	struct cli_opts p;
	char code[CERTIFICATE_CODE_CHARS + 1];
	struct store *s = NULL;
	int id, ret = 1;

	cli_opts_init(&p, "certificates revoke", usage_revoke, no_opts, argc,
		      argv);
	p.max_operands = 1;
	while ((id = cli_opts_next(&p)) >= 0)
		;
	if (id != CLI_OPT_END)
		return cli_opts_exit(id);
	if (p.nops != 1)
		return cli_usage_error("certificates revoke", usage_revoke,
				       "which certificate? give its code");
	if (certificate_code_normal(argv[1], code) < 0)
		return error("'%s' is not a certificate code", argv[1]), 1;
	if (cli_open_store(cli, &s, 0) < 0 ||
	    store_certificate_revoke(s, code, (long long)time(NULL)) < 0)
		goto out;
	printf("revoked certificate %s\n", code);
	ret = 0;
out:
	store_close(s);
	return ret;
}

int cmd_certificates(struct cli *cli, int argc, char **argv)
{
	const char *sub = argc > 1 ? argv[1] : NULL;

	if (!sub)
		return cli_usage_error("certificates", usage_certs,
				       "which subcommand?");
	if (!strcmp(sub, "--help") || !strcmp(sub, "-h")) {
		fputs(usage_certs, stdout);
		return 0;
	}
	if (!strcmp(sub, "list"))
		return certs_list(cli, argc - 1, argv + 1);
	if (!strcmp(sub, "revoke"))
		return certs_revoke(cli, argc - 1, argv + 1);
	return cli_usage_error("certificates", usage_certs,
			       "unknown subcommand '%s'", sub);
}
