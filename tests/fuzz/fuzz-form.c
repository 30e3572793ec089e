/*
 * fuzz-form.c - libFuzzer harness for the form loader: any bytes given
 * as a form file must give a form or diagnostics, never a crash, a leak
 * or undefined behaviour. Build and run with `make fuzz`.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "form.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d = { 0 };
	struct form *f = form_load_text("fuzz.yaml", (const char *)data, size,
					&d);

	if (f) {
		/* a form that loads must reload from its canonical text */
		struct form *g = form_load_text("canonical", f->canonical,
						strlen(f->canonical), &d);

		if (!g || strcmp(f->hash, g->hash) != 0)
			__builtin_trap();
		form_free(g);
	}
	form_free(f);
	diag_release(&d);
	return 0;
}
