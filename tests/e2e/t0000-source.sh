#!/bin/sh
# The source rules of STYLE.md: one owner file per outside library, no
# shell or unbounded string calls anywhere.
. "${TOP:-$(dirname "$0")/../..}/tests/lib.sh"

test_expect 'each outside library is used only by its owner file' '
	"$TOP/tools/check-source.sh"
'

test_expect '-bad- the check catches a stray call' '
	mkdir -p fake/core fake/tools fake/collector &&
	cp "$TOP/tools/check-source.sh" fake/tools/ &&
	printf "#include <sqlite3.h>\nvoid f(void) { sprintf(b, \"x\"); }\n" >fake/collector/x.c &&
	expect_status 1 sh fake/tools/check-source.sh >out &&
	contains out "collector/x.c:1:" &&
	contains out "forbidden call"
'

# One stray use per owner rule, each in a file that does not own it, and
# the same uses in their owners, which must pass.
test_expect '-bad- every owner rule catches a use outside its owner' '
	rm -rf fake && mkdir -p fake/tools fake/core/store fake/reports \
		fake/collector fake/cli &&
	cp "$TOP/tools/check-source.sh" fake/tools/ &&
	cat >fake/cli/stray.c <<-\EOF &&
	#include <sqlite3.h>
	void a(void) { sqlite3_open(p, &db); }
	void b(void) { MHD_start_daemon(0); }
	void c(void) { HPDF_New(0, 0); }
	void d(void) { yaml_parser_initialize(&p); }
	void e(void) { QRcode_encodeString(s, 0, 0, 0, 1); }
	void f(void) { randombytes_buf(k, 32); }
	void g(void) { crypto_auth(m, s, n, k); }
	void h(void) { pid_t p = fork(); }
	void i(void) { execv(argv[0], argv); }
	void j(void) { waitpid(p, &ws, 0); }
	void k(void) { kill(p, SIGKILL); }
	void l(void) { posix_spawn(&p, a, 0, 0, v, e); }
	EOF
	expect_status 1 sh fake/tools/check-source.sh >out &&
	for n in 2 3 4 5 6 7 8 9 10 11 12 13; do
		contains out "cli/stray.c:$n:" || return 1
	done &&
	contains out "only core/crypto.c" &&
	contains out "only core/run.c" &&
	contains out "only reports/pdf*.c"
'

test_expect 'owners may use their library; the form loader its own names' '
	rm -rf fake && mkdir -p fake/tools fake/core/store fake/reports \
		fake/collector &&
	cp "$TOP/tools/check-source.sh" fake/tools/ &&
	echo "void a(void) { randombytes_buf(k, 32); }" >fake/core/crypto.c &&
	echo "void b(void) { HPDF_New(0, 0); }" >fake/reports/pdf-rtl.c &&
	echo "void c(void) { pid_t p = fork(); kill(p, 9); }" >fake/core/run.c &&
	echo "struct ynode *n = yaml_tree(a, b, c, d);" >fake/core/form.c &&
	echo "void d(void) { QRcode_free(q); }" >fake/collector/qr.c &&
	sh fake/tools/check-source.sh
'

test_expect '-bad- the check catches the collector including the admin area' '
	mkdir -p fake2/tools fake2/collector fake2/admin &&
	cp "$TOP/tools/check-source.sh" fake2/tools/ &&
	printf "int a;\n" >fake2/admin/admin.h &&
	printf "#include \"util.h\"\n#include \"admin.h\"\n" >fake2/collector/x.c &&
	printf "#include \"../admin/admin-x.h\"\n" >fake2/collector/y.h &&
	expect_status 1 sh fake2/tools/check-source.sh >out &&
	contains out "collector/x.c:2:" &&
	contains out "collector/y.h:1:" &&
	contains out "may not include admin/" &&
	rm fake2/collector/x.c fake2/collector/y.h &&
	sh fake2/tools/check-source.sh
'

test_done
