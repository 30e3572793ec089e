/*
 * fuzz-answer.c - libFuzzer harness for answer validation: arbitrary
 * name/value pairs (split on NUL-free separators from the input) against
 * the shipped event-feedback form never crash and give either answers or
 * errors. Build and run with `make fuzz`.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "form.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct form *form;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct field fields[64];
	struct validation v;
	size_t n = 0, start = 0;

	if (!form) {
		struct diag d = { 0 };

		form = form_load("forms/event-feedback.yaml", &d);
		if (!form)
			abort();
	}
	/* input: name '=' value '&' name '=' value ... (bytes kept as is) */
	for (size_t i = 0; i <= size && n < 64; i++) {
		if (i < size && data[i] != '&')
			continue;
		const char *s = (const char *)data + start;
		const char *eq = memchr(s, '=', i - start);

		if (eq) {
			fields[n].name = strndup(s, (size_t)(eq - s));
			fields[n].value = eq + 1;
			fields[n].len = (size_t)((const char *)data + i - eq - 1);
			n++;
		}
		start = i + 1;
	}
	validation_init(&v);
	form_validate(form, fields, n, -1, &v);
	validation_release(&v);
	for (size_t i = 0; i < n; i++)
		free((char *)fields[i].name);
	return 0;
}
