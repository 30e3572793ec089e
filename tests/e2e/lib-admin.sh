# tests/e2e/lib-admin.sh - helpers for the committee area's end-to-end
# tests (sourced after tests/lib.sh and lib-collector.sh; not a test).
#
#   start_admin_server [SERVE OPTIONS]  start_server, then SETUP is the
#                                        printed setup link
#   csrf FILE                            the CSRF token in a saved page
#   aget PATH OUT [JAR]                  GET with the cookie jar; status
#   apost PATH DATA OUT [JAR]            POST from our own origin; status
#   login NAME PASSWORD JAR              signs in; status (303 on success)
#   add_user NAME ROLE PASSWORD          sigsurvey user add

start_admin_server() {
	start_server "$@"
	n=0
	SETUP=
	while [ $n -lt 100 ]; do
		SETUP=$(sed -n 's/.*create the first admin at \(http[^ ]*\)$/\1/p' \
			"$WORK/serve.out")
		[ -n "$SETUP" ] && break
		grep -q "listening on" "$WORK/serve.out" &&
			! grep -q "no committee account" "$WORK/serve.out" &&
			[ $n -gt 10 ] && break
		n=$((n + 1))
		sleep 0.05
	done
	export SETUP
}

csrf() {
	sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' "$1" | head -n 1
}

aget() {
	curl -s -o "$2" -w '%{http_code}' -b "${3:-$WORK/jar}" "$URL$1"
}

apost() {
	curl -s -o "$3" -w '%{http_code}' -b "${4:-$WORK/jar}" \
		-H "Origin: $URL" --data-binary "$2" \
		-H 'Content-Type: application/x-www-form-urlencoded' "$URL$1"
}

login() {
	curl -s -o "$WORK/login.html" -w '%{http_code}' -c "$3" \
		-H "Origin: $URL" --data-urlencode "name=$1" \
		--data-urlencode "password=$2" "$URL/admin/login"
}

add_user() {
	printf '%s\n' "$3" | sigsurvey user add "$1" --role "$2" >/dev/null
}
