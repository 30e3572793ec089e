#!/bin/sh
# t7400-admin-users.sh - the accounts page, for admins only: adding an
# account, changing a role, setting a new password (which signs that
# account out), removing one; the last admin cannot be demoted or
# removed, nobody removes themselves, and mistakes come back explained.
. "${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$TOP/tests/e2e/lib-collector.sh"
. "$TOP/tests/e2e/lib-admin.sh"

add_user chair admin 'chair-password' || echo "Bail out! cannot add a user"
start_admin_server --min-fill-seconds 0

test_expect 'the accounts page lists accounts; the only admin is protected' '
	test "$(login chair chair-password "$WORK/jar")" = 303 &&
	test "$(aget /admin/users u.html)" = 200 &&
	contains u.html "<h1>Accounts</h1>" &&
	contains u.html "The only admin" &&
	lacks u.html "Remove chair" &&
	lacks u.html "Make chair a viewer"
'

test_expect 'an admin adds a viewer who can then sign in' '
	tok=$(csrf u.html) &&
	test "$(apost /admin/users "_csrf=$tok&action=add&name=ann.lee&role=viewer&password=ann-password" out.html)" = 303 &&
	test "$(q "SELECT role FROM account WHERE name = '\''ann.lee'\''")" = viewer &&
	test "$(login ann.lee ann-password "$WORK/jar-ann")" = 303 &&
	test "$(aget "/admin/users?done=added" u.html)" = 200 &&
	contains u.html "The account was added." &&
	contains u.html "Make ann.lee an admin" &&
	contains u.html "Remove ann.lee"
'

test_expect '-bad- adding an account with mistakes explains them' '
	tok=$(csrf u.html) &&
	test "$(apost /admin/users "_csrf=$tok&action=add&name=bad%20name%3Cx%3E&role=admin&password=short" bad.html)" = 422 &&
	contains bad.html "There is a problem" &&
	contains bad.html "href=\"#name\">Enter an account name" &&
	contains bad.html "href=\"#password\">The password must be at least 8 characters long." &&
	contains bad.html "value=\"bad name&lt;x&gt;\"" &&
	test "$(apost /admin/users "_csrf=$tok&action=add&name=ann.lee&role=viewer&password=12345678" dup.html)" = 422 &&
	contains dup.html "There is an account with this name already" &&
	test "$(q "SELECT count(*) FROM account")" = 2
'

test_expect 'roles change both ways' '
	tok=$(csrf u.html) &&
	test "$(apost /admin/users "_csrf=$tok&action=role&name=ann.lee&role=admin" out.html)" = 303 &&
	test "$(q "SELECT role FROM account WHERE name = '\''ann.lee'\''")" = admin &&
	test "$(aget /admin/users a.html "$WORK/jar-ann")" = 200 &&
	test "$(apost /admin/users "_csrf=$tok&action=role&name=ann.lee&role=viewer" out.html)" = 303 &&
	test "$(aget /admin/users a.html "$WORK/jar-ann")" = 403
'

test_expect 'a new password set by an admin signs that account out' '
	tok=$(csrf u.html) &&
	test "$(aget /admin a.html "$WORK/jar-ann")" = 200 &&
	test "$(apost /admin/users "_csrf=$tok&action=passwd&pw-name=ann.lee&new-password=new-ann-password" out.html)" = 303 &&
	test "$(aget /admin a.html "$WORK/jar-ann")" = 303 &&
	test "$(login ann.lee ann-password "$WORK/jar-ann2")" = 401 &&
	test "$(login ann.lee new-ann-password "$WORK/jar-ann2")" = 303 &&
	test "$(apost /admin/users "_csrf=$tok&action=passwd&pw-name=ann.lee&new-password=short" bad.html)" = 422 &&
	contains bad.html "at least 8 characters"
'

test_expect '-bad- the last admin stays, and nobody removes themselves' '
	tok=$(csrf u.html) &&
	test "$(apost /admin/users "_csrf=$tok&action=role&name=chair&role=viewer" out.html)" = 409 &&
	contains out.html "The last admin stays an admin" &&
	test "$(apost /admin/users "_csrf=$tok&action=remove&name=chair" out.html)" = 409 &&
	contains out.html "You cannot remove your own account" &&
	test "$(q "SELECT role FROM account WHERE name = '\''chair'\''")" = admin
'

test_expect 'an admin removes an account and its sessions' '
	tok=$(csrf u.html) &&
	test "$(apost /admin/users "_csrf=$tok&action=remove&name=ann.lee" out.html)" = 303 &&
	test "$(q "SELECT count(*) FROM account WHERE name = '\''ann.lee'\''")" = 0 &&
	test "$(aget /admin a.html "$WORK/jar-ann2")" = 303 &&
	test "$(apost /admin/users "_csrf=$tok&action=remove&name=ann.lee" out.html)" = 404 &&
	contains out.html "No such account"
'

stop_server
test_done
