import html, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r'<ul class="findings">(.*?)</ul>', page, re.S)
items = [re.sub(r"\s+", " ", html.unescape(x)).strip()
	 for x in re.findall(r"<li>(.*?)</li>", m.group(1), re.S)] if m else []
text = re.sub(r"\s+", " ", open(sys.argv[2], encoding="utf-8").read())
block = text.split("Key findings", 1)[1] if "Key findings" in text else ""
bad = [x for x in items if x not in block]
print(len(items), "findings;", len(bad), "not in the PDF")
for x in bad:
	print("missing:", x)
sys.exit(1 if not items or bad or block.count("\u2022") < len(items) else 0)
