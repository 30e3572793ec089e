# tests/e2e/lib-qr.sh - reading back a QR code printed in the terminal
# (sourced after tests/lib.sh; not a test itself).
#
#   qr_decode TEXT   the address in the half-block code in file TEXT (other
#                    lines are ignored), through a bitmap and zbarimg

qr_decode() {
	python3 - "$1" "$WORK/qr.pbm" <<'PY'
import sys
rows = []
for line in open(sys.argv[1], encoding='utf-8'):
    line = line.rstrip('\n')
    if not any(c in '\u2588\u2580\u2584' for c in line):
        continue
    rows.append([c in '\u2588\u2580' for c in line])
    rows.append([c in '\u2588\u2584' for c in line])
w, s = max(len(r) for r in rows), 4
out = ['P1', '%d %d' % (w * s, len(rows) * s)]
for r in rows:
    bits = ' '.join('0' if x < len(r) and r[x] else '1'
                    for x in range(w) for _ in range(s))
    out += [bits] * s
open(sys.argv[2], 'w').write('\n'.join(out) + '\n')
PY
	zbarimg -q --raw "$WORK/qr.pbm" 2>/dev/null
}
