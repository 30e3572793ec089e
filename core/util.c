/*
 * util.c - allocation wrappers, the process-wide logger (which escapes
 * control bytes and invalid UTF-8 in every line), BUG() and small
 * validators for UTF-8, keys and loopback addresses.
 */
#include "util.h"

#include <arpa/inet.h>
#include <ftw.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *program = "sigsurvey";
static int quiet;

static void oom(void)
{
	fputs("sigsurvey: out of memory\n", stderr);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		oom();
	return p;
}

void *xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (!p)
		oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q)
		oom();
	return q;
}

char *xstrdup(const char *s)
{
	return s ? xstrndup(s, strlen(s)) : NULL;
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void log_set_program(const char *name)
{
	program = name;
}

void log_set_quiet(int q)
{
	quiet = q;
}

size_t log_escape(char *out, size_t cap, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0, left = strlen(s);

	while (left) {
		unsigned char c = (unsigned char)*s;
		size_t n = utf8_decode(s, left, NULL);

		if (!n || c < 0x20 || c == 0x7f) {
			if (o + 4 >= cap)
				break;
			out[o++] = '\\';
			out[o++] = 'x';
			out[o++] = hex[c >> 4];
			out[o++] = hex[c & 15];
			n = 1;
		} else {
			if (o + n >= cap)
				break;
			memcpy(out + o, s, n);
			o += n;
		}
		s += n;
		left -= n;
	}
	out[o] = '\0';
	return o;
}

/* Formats, escapes and writes one line; prefix (may be NULL) goes first. */
static void vlog(const char *prefix, const char *level, const char *fmt,
		 va_list ap)
{
	char line[2048], out[4 * sizeof(line)];
	int n = 0;

	if (prefix && level)
		n = snprintf(line, sizeof(line), "%s: %s: ", prefix, level);
	else if (prefix)
		n = snprintf(line, sizeof(line), "%s: ", prefix);
	if (n < 0 || (size_t)n >= sizeof(line))
		n = 0;
	vsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
	log_escape(out, sizeof(out), line);
	fprintf(stderr, "%s\n", out);   /* one call: lines never interleave */
}

void log_vprintf(const char *level, const char *fmt, va_list ap)
{
	vlog(program, level, fmt, ap);
}

/* parenthesised: the function, not the macro of the same name */
int (error)(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(program, "error", fmt, ap);
	va_end(ap);
	return -1;
}

void warning(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(program, "warning", fmt, ap);
	va_end(ap);
}

void info(const char *fmt, ...)
{
	va_list ap;

	if (quiet)
		return;
	va_start(ap, fmt);
	vlog(program, NULL, fmt, ap);
	va_end(ap);
}

void log_line(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(NULL, NULL, fmt, ap);
	va_end(ap);
}

void bug_fl(const char *file, int line, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s: BUG: %s:%d: %s\n", program, file, line, msg);
	abort();
}

size_t utf8_decode(const char *str, size_t left, unsigned *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n;
	unsigned c;

	if (s[0] < 0x80)
		n = 1, c = s[0];
	else if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, c = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, c = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, c = s[0] & 0x07;
	else
		return 0;
	if (n > left)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	if (cp)
		*cp = c;
	return n;
}

int utf8_valid(const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		size_t n = utf8_decode(s + i, len - i, NULL);

		if (!n || s[i] == '\0')
			return 0;
		i += n;
	}
	return 1;
}

const char *plural(long long n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

int key_valid(const char *s)
{
	if (!s || !(*s >= 'a' && *s <= 'z'))
		return 0;
	for (s++; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '_'))
			return 0;
	return 1;
}

int url_loopback(const char *url)
{
	const char *p = url ? strstr(url, "://") : NULL;
	const char *at;
	char host[256];
	unsigned char a[16];
	size_t n;

	if (!p)
		return 1;
	p += 3;
	n = strcspn(p, "/?#");
	at = memrchr(p, '@', n);                /* user:password@ */
	if (at)
		p = at + 1;
	if (*p == '[') {
		p++;
		n = strcspn(p, "]");
	} else {
		n = strcspn(p, ":/?#");
	}
	if (n == 0 || n >= sizeof(host))
		return 1;
	memcpy(host, p, n);
	host[n] = '\0';
	for (size_t i = 0; i < n; i++)
		if (host[i] >= 'A' && host[i] <= 'Z')
			host[i] = (char)(host[i] - 'A' + 'a');
	if (!strcmp(host, "localhost") ||
	    (n > 10 && !strcmp(host + n - 10, ".localhost")))
		return 1;
	if (inet_pton(AF_INET, host, a) == 1)
		return a[0] == 127 || !memcmp(a, "\0\0\0\0", 4);
	if (inet_pton(AF_INET6, host, a) == 1)
		return !memcmp(a, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 15) &&
		       a[15] <= 1;              /* ::1 and :: */
	return 0;
}

/* nftw() callback: a directory once emptied, anything else unlinked. */
static int remove_entry(const char *path, const struct stat *st, int flag,
			struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP)
		rmdir(path);
	else
		unlink(path);
	return 0;
}

void remove_tree(const char *dir)
{
	if (dir && *dir)
		nftw(dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
}
