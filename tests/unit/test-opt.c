/*
 * test-opt.c - the subcommands' option parser (cli/opt.c): --name VALUE
 * and --name=VALUE, short -o, flags, "--", operands, repeated options,
 * and the one-line usage errors it prints.
 *
 * cli/opt.c is not part of libsigsurvey.a (the library the unit tests
 * link), and needs nothing but libc, so it is compiled in here.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "opt.c"

enum { O_FORM, O_EVENT, O_LABELS, O_OUT };

static const struct cli_option table[] = {
	{ "--form", 1, O_FORM }, { "--event", 1, O_EVENT },
	{ "--labels", 0, O_LABELS }, { "-o", 1, O_OUT }, { NULL, 0, 0 },
};

static const char usage[] = "usage: sigsurvey demo [--form KEY]\n";

/* What a parse gave: "id=value" per option, then "ops:a,b" and the end. */
struct result {
	char log[512];
	char err[512];
	char out[512];
	int last;
};

/* Reads what was written to fd (a temporary file) into s. */
static void slurp(FILE *f, char *s, size_t size)
{
	size_t n;

	fflush(f);
	rewind(f);
	n = fread(s, 1, size - 1, f);
	s[n] = '\0';
}

/* Parses the NULL-ended arguments (argv[0] is "demo") with max_ops. */
static void parse(struct result *r, int max_ops, ...)
{
	char *argv[32] = { "demo" };
	int argc = 1, id, saved_err = dup(2), saved_out = dup(1);
	FILE *err = tmpfile(), *out = tmpfile();
	struct cli_opts p;
	va_list ap;
	size_t len;

	va_start(ap, max_ops);
	while ((argv[argc] = va_arg(ap, char *)))
		argc++;
	va_end(ap);
	memset(r, 0, sizeof(*r));
	fflush(stdout);
	dup2(fileno(err), 2);
	dup2(fileno(out), 1);
	cli_opts_init(&p, "demo", usage, table, argc, argv);
	p.max_operands = max_ops;
	while ((id = cli_opts_next(&p)) >= 0) {
		len = strlen(r->log);
		snprintf(r->log + len, sizeof(r->log) - len, "%d=%s ", id,
			 p.value ? p.value : "(flag)");
	}
	fflush(stdout);
	fflush(stderr);
	dup2(saved_err, 2);
	dup2(saved_out, 1);
	close(saved_err);
	close(saved_out);
	r->last = id;
	if (id == CLI_OPT_END) {
		len = strlen(r->log);
		snprintf(r->log + len, sizeof(r->log) - len, "ops:");
		for (int i = 1; i <= p.nops; i++) {
			len = strlen(r->log);
			snprintf(r->log + len, sizeof(r->log) - len, "%s%s",
				 i > 1 ? "," : "", argv[i]);
		}
	}
	slurp(err, r->err, sizeof(r->err));
	slurp(out, r->out, sizeof(r->out));
	fclose(err);
	fclose(out);
}

static void test_value_forms(void **state)
{
	struct result r;

	parse(&r, 0, "--form", "a", "--form=b", "-o", "x.pdf", "--labels",
	      NULL);
	assert_int_equal(r.last, CLI_OPT_END);
	assert_string_equal(r.log, "0=a 0=b 3=x.pdf 2=(flag) ops:");
	assert_string_equal(r.err, "");
}

static void test_value_may_look_like_an_option(void **state)
{
	struct result r;

	/* the word after --name is its value, whatever it looks like */
	parse(&r, 0, "--form", "--labels", "--event=", "--event", "", NULL);
	assert_int_equal(r.last, CLI_OPT_END);
	assert_string_equal(r.log, "0=--labels 1= 1= ops:");
}

static void test_repeated_option_each_returned(void **state)
{
	struct result r;

	parse(&r, 0, "--event", "e1", "--event=e2", "--event", "e3", NULL);
	assert_string_equal(r.log, "1=e1 1=e2 1=e3 ops:");
}

static void test_operands_and_double_dash(void **state)
{
	struct result r;

	parse(&r, 4, "one", "--labels", "-", "--", "--form", "-o", NULL);
	assert_int_equal(r.last, CLI_OPT_END);
	assert_string_equal(r.log, "2=(flag) ops:one,-,--form,-o");
	assert_string_equal(r.err, "");
}

static void bad_unknown_option(void **state)
{
	struct result r;

	parse(&r, 0, "--frob", NULL);
	assert_int_equal(r.last, CLI_OPT_ERROR);
	assert_int_equal(cli_opts_exit(r.last), 2);
	assert_string_equal(r.err, "sigsurvey demo: unknown option '--frob'\n"
			    "usage: sigsurvey demo [--form KEY]\n");
	/* the value is not echoed, only the name */
	parse(&r, 0, "--form=x", "--frob=secret", NULL);
	assert_string_equal(r.log, "0=x ");
	assert_non_null(strstr(r.err, "unknown option '--frob'\n"));
	/* a prefix or a short form of a name is not the option */
	parse(&r, 0, "--for", "x", NULL);
	assert_non_null(strstr(r.err, "unknown option '--for'\n"));
	parse(&r, 0, "-o=x", NULL);
	assert_non_null(strstr(r.err, "unknown option '-o=x'\n"));
}

static void bad_missing_value(void **state)
{
	struct result r;

	parse(&r, 0, "--labels", "--form", NULL);
	assert_int_equal(r.last, CLI_OPT_ERROR);
	assert_string_equal(r.log, "2=(flag) ");
	assert_string_equal(r.err, "sigsurvey demo: --form needs a value\n"
			    "usage: sigsurvey demo [--form KEY]\n");
	parse(&r, 0, "-o", NULL);
	assert_string_equal(r.err, "sigsurvey demo: -o needs a value\n"
			    "usage: sigsurvey demo [--form KEY]\n");
}

static void bad_flag_with_value(void **state)
{
	struct result r;

	parse(&r, 0, "--labels=1", NULL);
	assert_int_equal(r.last, CLI_OPT_ERROR);
	assert_non_null(strstr(r.err, "sigsurvey demo: --labels takes no "
				      "value\n"));
}

static void bad_too_many_operands(void **state)
{
	struct result r;

	parse(&r, 1, "a", "--labels", "b", NULL);
	assert_int_equal(r.last, CLI_OPT_ERROR);
	assert_string_equal(r.err, "sigsurvey demo: unexpected argument 'b'\n"
			    "usage: sigsurvey demo [--form KEY]\n");
	parse(&r, 0, "--", "a", NULL);
	assert_non_null(strstr(r.err, "unexpected argument 'a'\n"));
}

static void test_help(void **state)
{
	struct result r;

	parse(&r, 0, "--form", "x", "--help", "--frob", NULL);
	assert_int_equal(r.last, CLI_OPT_HELP);
	assert_int_equal(cli_opts_exit(r.last), 0);
	assert_string_equal(r.out, usage);
	assert_string_equal(r.err, "");
	parse(&r, 0, "-h", NULL);
	assert_int_equal(r.last, CLI_OPT_HELP);
	/* after -- it is an operand */
	parse(&r, 1, "--", "--help", NULL);
	assert_int_equal(r.last, CLI_OPT_END);
	assert_string_equal(r.log, "ops:--help");
}

static void test_parse_long(void **state)
{
	long v = 7;

	assert_int_equal(cli_parse_long("42", &v), 0);
	assert_int_equal(v, 42);
	assert_int_equal(cli_parse_long("-1", &v), -1);
	assert_int_equal(cli_parse_long("+1", &v), -1);
	assert_int_equal(cli_parse_long("", &v), -1);
	assert_int_equal(cli_parse_long("4x", &v), -1);
	assert_int_equal(cli_parse_long("99999999999999999999", &v), -1);
	assert_int_equal(v, 42);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_value_forms),
		cmocka_unit_test(test_value_may_look_like_an_option),
		cmocka_unit_test(test_repeated_option_each_returned),
		cmocka_unit_test(test_operands_and_double_dash),
		cmocka_unit_test(bad_unknown_option),
		cmocka_unit_test(bad_missing_value),
		cmocka_unit_test(bad_flag_with_value),
		cmocka_unit_test(bad_too_many_operands),
		cmocka_unit_test(test_help),
		cmocka_unit_test(test_parse_long),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
