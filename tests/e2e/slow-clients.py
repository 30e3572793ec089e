#!/usr/bin/env python3
"""slow-clients.py - slow HTTP clients for t5050-serve-slow-clients.sh.

  slow-clients.py PORT deadline HEADS BODIES
      from 127.0.0.6: HEADS connections sending an unfinished request head
      and BODIES sending a 100-byte body, each one more line (or byte)
      every 2 s; prints "heads MIN MAX" and "bodies MIN MAX", how long the
      server kept them open, in seconds.

  slow-clients.py PORT flood PER_ADDRESS SECONDS PATH
      from 127.0.0.2 to 127.0.0.5: PER_ADDRESS connections each, sending
      an unfinished request head and one header line every 3 s, opening a
      new one whenever the server closes one; meanwhile a normal client at
      127.0.0.1 asks for PATH every 0.25 s. Prints "probes GOT TOTAL" (GOT:
      answered 200 with the form), "closed N" (attack connections the
      server closed) and "open MAX" (most attack connections open at once).
"""
import http.client
import selectors
import socket
import sys
import threading
import time

PORT = int(sys.argv[1])


class Slow:
    def __init__(self, sel, src, head, drip):
        self.head, self.drip, self.n, self.src = head, drip, 0, src
        self.s = socket.socket()
        self.s.bind((src, 0))
        self.s.setblocking(False)
        self.s.connect_ex(("127.0.0.1", PORT))
        self.born = self.last = time.monotonic()
        self.sent_head = False
        sel.register(self.s, selectors.EVENT_READ | selectors.EVENT_WRITE, self)

    def send(self, data):
        try:
            self.s.send(data)
        except OSError:
            pass

    def tick(self, now, period):
        if self.sent_head and now - self.last >= period:
            self.last = now
            self.n += 1
            self.send(self.drip(self.n))


def run(sel, conns, period, until, on_close):
    while time.monotonic() < until and conns:
        for key, ev in sel.select(timeout=0.1):
            c = key.data
            if ev & selectors.EVENT_WRITE and not c.sent_head:
                c.sent_head = True
                c.send(c.head)
                sel.modify(c.s, selectors.EVENT_READ, c)
                continue
            try:
                data = c.s.recv(4096)
            except OSError:
                data = b""
            if not data:
                sel.unregister(c.s)
                c.s.close()
                conns.discard(c)
                on_close(c)
        now = time.monotonic()
        for c in list(conns):
            c.tick(now, period)


HEAD = (b"GET /f/event-feedback HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"User-Agent: slow\r\n")


def deadline(heads, bodies):
    sel = selectors.DefaultSelector()
    conns, life = set(), {"heads": [], "bodies": []}
    post = (b"POST /f/event-feedback HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\n"
            b"Content-Length: 100\r\n\r\n")
    for _ in range(heads):
        c = Slow(sel, "127.0.0.6", HEAD, lambda n: b"X-Slow-%d: 1\r\n" % n)
        c.kind = "heads"
        conns.add(c)
    for _ in range(bodies):
        c = Slow(sel, "127.0.0.6", post, lambda n: b"a")
        c.kind = "bodies"
        conns.add(c)

    def closed(c):
        life[c.kind].append(time.monotonic() - c.born)
    run(sel, conns, 2.0, time.monotonic() + 45, closed)
    for c in conns:
        life[c.kind].append(999)
    for k in ("heads", "bodies"):
        v = life[k] or [0]
        print("%s %.1f %.1f" % (k, min(v), max(v)))


def flood(per_address, seconds, path):
    sel = selectors.DefaultSelector()
    conns, stats = set(), {"closed": 0, "open": 0}
    srcs = ["127.0.0.%d" % i for i in range(2, 6)]
    start = time.monotonic()
    until = start + seconds

    def drip(n):
        return b"X-Slow-%d: 1\r\n" % n

    def closed(c):
        stats["closed"] += 1
        if time.monotonic() < until:
            conns.add(Slow(sel, c.src, HEAD, drip))
    for src in srcs:
        for _ in range(per_address):
            conns.add(Slow(sel, src, HEAD, drip))
    probes = {"got": 0, "total": 0}

    def probe():
        time.sleep(3)           # let the attack fill the table first
        while time.monotonic() < until - 0.5:
            probes["total"] += 1
            try:
                h = http.client.HTTPConnection(
                    "127.0.0.1", PORT, timeout=5,
                    source_address=("127.0.0.1", 0))
                h.request("GET", path)
                r = h.getresponse()
                body = r.read()
                if r.status == 200 and b"<form" in body:
                    probes["got"] += 1
                h.close()
            except OSError:
                pass
            time.sleep(0.25)
    t = threading.Thread(target=probe)
    t.start()

    def on_close(c):
        closed(c)
        stats["open"] = max(stats["open"], len(conns))
    while time.monotonic() < until:
        run(sel, conns, 3.0, min(until, time.monotonic() + 0.5), on_close)
        stats["open"] = max(stats["open"], len(conns))
    t.join()
    for c in conns:
        c.s.close()
    print("probes %d %d" % (probes["got"], probes["total"]))
    print("closed %d" % stats["closed"])
    print("open %d" % stats["open"])


if sys.argv[2] == "deadline":
    deadline(int(sys.argv[3]), int(sys.argv[4]))
else:
    flood(int(sys.argv[3]), float(sys.argv[4]), sys.argv[5])
