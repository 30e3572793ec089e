#!/bin/sh
# t0120-cli-qr.sh - `sigsurvey qr URL` prints a QR code in the terminal
# with UTF-8 half blocks; turned back into an image, it decodes to URL.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-qr.sh"

url="http://192.0.2.2:8080/f/event-feedback/welcome-2027-01-20"

test_expect 'qr prints the code with half blocks' '
	sigsurvey qr "$url" >qr.txt &&
	grep -q "▀" qr.txt && grep -q "▄" qr.txt && grep -q "█" qr.txt &&
	lacks qr.txt "[" &&
	test "$(wc -l <qr.txt)" -ge 15
'

test_expect 'the printed code decodes to the address' '
	test "$(qr_decode qr.txt)" = "$url"
'

test_expect 'on a terminal the code is coloured white on black' '
	script -qec "sigsurvey qr $url" /dev/null >tty.txt &&
	grep -q "$(printf "\033")\[97;40m" tty.txt
'

test_expect '-bad- qr without an address is a usage error' '
	expect_status 2 sigsurvey qr 2>err &&
	contains err "sigsurvey qr: which address? give a URL"
'

test_done
