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
