/*
 * test-collector.c - the collector's pure parts: the escaping HTML writer,
 * signed form tokens, urlencoded fields and the rate limiter.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "fields.h"
#include "html.h"
#include "ratelimit.h"
#include "token.h"

static void html_escapes_text_and_attributes(void **state)
{
	struct html h;

	html_init(&h);
	html_lit(&h, "<p");
	html_attr(&h, "title", "\"><script>alert('x')</script>&");
	html_lit(&h, ">");
	html_text(&h, "<b>Tom & \"Jerry\"</b>");
	html_lit(&h, "</p>");
	assert_string_equal(h.b.s,
		"<p title=\"&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)"
		"&lt;/script&gt;&amp;\">&lt;b&gt;Tom &amp; &quot;Jerry&quot;"
		"&lt;/b&gt;</p>");
	html_release(&h);
}

static void html_repairs_invalid_utf8_nul_and_controls(void **state)
{
	struct html h;
	const char in[] = "caf\xc3\xa9 \xff|\xc0\xaf|a\0b|\x01|\xed\xa0\x80|\xc2\x85|\t\n";

	html_init(&h);
	html_textn(&h, in, sizeof(in) - 1);
	assert_string_equal(h.b.s,
		"caf\xc3\xa9 \xef\xbf\xbd|\xef\xbf\xbd\xef\xbf\xbd|"
		"a\xef\xbf\xbd" "b|\xef\xbf\xbd|\xef\xbf\xbd\xef\xbf\xbd"
		"\xef\xbf\xbd|\xef\xbf\xbd\xef\xbf\xbd|\t\n");
	html_release(&h);
}

static void html_keeps_valid_multibyte_text(void **state)
{
	struct html h;

	html_init(&h);
	html_text(&h, "\xe2\x80\x9cQuoted\xe2\x80\x9d \xf0\x9f\x93\x9a");
	html_textf(&h, " %d%%", 42);
	html_attr(&h, "x", NULL);
	assert_string_equal(h.b.s,
		"\xe2\x80\x9cQuoted\xe2\x80\x9d \xf0\x9f\x93\x9a 42%");
	html_release(&h);
}

static void token_round_trips_and_binds_form_and_event(void **state)
{
	unsigned char key[TOKEN_KEY_BYTES] = { 1, 2, 3 };
	char *t = token_make(key, "event-feedback", "ill-101", 1000000);
	char *u = token_make(key, "event-feedback", "ill-101", 1000000);
	long long served;

	assert_string_not_equal(t, u);            /* a nonce each */
	assert_int_equal(token_check(key, t, strlen(t), "event-feedback",
				     "ill-101", 1000060, &served), TOKEN_OK);
	assert_int_equal(served, 1000000);
	assert_int_equal(token_check(key, t, strlen(t), "event-feedback",
				     "ill-102", 1000060, &served), TOKEN_BAD);
	assert_int_equal(token_check(key, t, strlen(t), "member-survey",
				     NULL, 1000060, &served), TOKEN_BAD);
	assert_int_equal(token_check(key, t, strlen(t), "event-feedback",
				     "ill-101", 1000000 + TOKEN_MAX_AGE + 1,
				     &served), TOKEN_EXPIRED);
	free(t);
	free(u);
}

static void token_bad_when_tampered_or_other_key(void **state)
{
	unsigned char key[TOKEN_KEY_BYTES] = { 1 }, other[TOKEN_KEY_BYTES] = { 2 };
	char *t = token_make(key, "training-ideas", NULL, 5000);
	size_t len = strlen(t);
	long long served;

	assert_int_equal(token_check(other, t, len, "training-ideas", NULL,
				     5000, &served), TOKEN_BAD);
	t[3] ^= 1;
	assert_int_equal(token_check(key, t, len, "training-ideas", NULL,
				     5000, &served), TOKEN_BAD);
	assert_int_equal(token_check(key, "", 0, "training-ideas", NULL,
				     5000, &served), TOKEN_BAD);
	assert_int_equal(token_check(key, "abc.def", 7, "training-ideas",
				     NULL, 5000, &served), TOKEN_BAD);
	free(t);
}

static void fields_decode_with_lengths(void **state)
{
	struct fields fs;
	const char body[] = "a=1+2&b=x%26y%3D&b=%00z&c&=empty&d=%zz%4";

	fields_init(&fs);
	assert_int_equal(fields_parse(&fs, body, strlen(body)), FIELDS_OK);
	assert_int_equal(fs.n, 6);
	assert_string_equal(fields_get(&fs, "a")->value, "1 2");
	assert_string_equal(fields_get(&fs, "b")->value, "x&y=");
	assert_int_equal(fs.v[2].len, 2);
	assert_memory_equal(fs.v[2].value, "\0z", 2);
	assert_true(fields_has(&fs, "b", "x&y="));
	assert_false(fields_has(&fs, "b", "z"));
	assert_string_equal(fields_get(&fs, "c")->value, "");
	assert_string_equal(fields_get(&fs, "d")->value, "%zz%4");
	fields_release(&fs);
}

static void fields_refuse_too_many_or_too_long(void **state)
{
	struct fields fs;
	struct buf b = BUF_INIT;

	for (int i = 0; i <= FIELDS_MAX; i++)
		buf_adds(&b, "k=v&");
	fields_init(&fs);
	assert_int_equal(fields_parse(&fs, b.s, b.len), FIELDS_TOO_MANY);
	fields_release(&fs);
	buf_reset(&b);
	buf_adds(&b, "k=");
	for (int i = 0; i <= FIELD_MAX_BYTES; i++)
		buf_addc(&b, 'x');
	fields_init(&fs);
	assert_int_equal(fields_parse(&fs, b.s, b.len), FIELDS_TOO_LONG);
	fields_release(&fs);
	buf_release(&b);
}

static void ratelimit_allows_a_burst_then_refills(void **state)
{
	struct ratelimit *rl = ratelimit_new(1);
	const unsigned char a[4] = { 10, 0, 0, 1 }, b[4] = { 10, 0, 0, 2 };

	assert_true(ratelimit_take(rl, a, 4, 3, 3, 100.0));
	assert_true(ratelimit_take(rl, a, 4, 3, 3, 100.0));
	assert_true(ratelimit_take(rl, a, 4, 3, 3, 100.0));
	assert_false(ratelimit_take(rl, a, 4, 3, 3, 100.5));
	assert_true(ratelimit_take(rl, b, 4, 3, 3, 100.5)); /* others */
	assert_true(ratelimit_take(rl, a, 4, 3, 3, 120.5)); /* 20 s: 1 */
	assert_false(ratelimit_take(rl, a, 4, 3, 3, 120.6));
	ratelimit_free(rl);
	rl = ratelimit_new(0);                  /* 0: off */
	for (int i = 0; i < 100; i++)
		assert_true(ratelimit_take(rl, a, 4, 3, 3, 1.0));
	ratelimit_free(rl);
}

static void ratelimit_client_trusts_only_the_proxy(void **state)
{
	const unsigned char peer[4] = { 10, 0, 0, 1 }, proxy[4] = { 10, 0, 0, 9 };
	const unsigned char want[4] = { 192, 0, 2, 7 };
	unsigned char out[16];

	/* not the proxy: the header is the client's own and ignored */
	assert_int_equal(ratelimit_client(peer, 4, proxy, 4, "192.0.2.7", out), 4);
	assert_memory_equal(out, peer, 4);
	/* the proxy: the address it appended, last */
	assert_int_equal(ratelimit_client(proxy, 4, proxy, 4,
					  "1.2.3.4, 192.0.2.7", out), 4);
	assert_memory_equal(out, want, 4);
	assert_int_equal(ratelimit_client(proxy, 4, proxy, 4, "2001:db8::1",
					  out), 16);
	assert_int_equal(ratelimit_client(proxy, 4, proxy, 4, "junk", out), 4);
	assert_memory_equal(out, proxy, 4);
	assert_int_equal(ratelimit_client(proxy, 4, NULL, 0, "192.0.2.7", out),
			 4);
	assert_memory_equal(out, proxy, 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(html_escapes_text_and_attributes),
		cmocka_unit_test(html_repairs_invalid_utf8_nul_and_controls),
		cmocka_unit_test(html_keeps_valid_multibyte_text),
		cmocka_unit_test(token_round_trips_and_binds_form_and_event),
		cmocka_unit_test(token_bad_when_tampered_or_other_key),
		cmocka_unit_test(fields_decode_with_lengths),
		cmocka_unit_test(fields_refuse_too_many_or_too_long),
		cmocka_unit_test(ratelimit_allows_a_burst_then_refills),
		cmocka_unit_test(ratelimit_client_trusts_only_the_proxy),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
