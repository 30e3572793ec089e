// show-if.js - progressive enhancement for questions with show_if: hides a
// question while its condition is false and shows it as soon as the answer
// it depends on makes it true. The form works fully without this script:
// every question is rendered, marked "Answer only if ...", and the server
// ignores answers to questions whose condition is false.
(function () {
	"use strict";

	// Grammar (as the server prints it): or-expr := and-expr ("or" and-expr)*
	// and-expr := term ("and" term)*; term := "(" or-expr ")" | KEY OP VALUE
	function tokenize(src) {
		var re = /\s*(\(|\)|<=|>=|!=|=|<|>|[^\s()<>=!]+)/g, out = [], m;
		while ((m = re.exec(src)) !== null && m[1] !== undefined) {
			out.push(m[1]);
		}
		return out;
	}

	function parse(tokens) {
		var i = 0;
		function term() {
			if (tokens[i] === "(") {
				i++;
				var e = orExpr();
				i++; // ")"
				return e;
			}
			var key = tokens[i++], op = tokens[i++], value = tokens[i++];
			return { op: op, key: key, value: value };
		}
		function andExpr() {
			var l = term();
			while (tokens[i] === "and") {
				i++;
				l = { op: "and", l: l, r: term() };
			}
			return l;
		}
		function orExpr() {
			var l = andExpr();
			while (tokens[i] === "or") {
				i++;
				l = { op: "or", l: l, r: andExpr() };
			}
			return l;
		}
		return orExpr();
	}

	// The values currently given for answer key `key`. An answer to a
	// hidden question counts as not given, as on the server: a condition
	// that names a hidden question is judged without its answer.
	function values(form, key) {
		var out = [];
		var els = form.querySelectorAll("[name]");
		for (var k = 0; k < els.length; k++) {
			var el = els[k];
			if (el.name !== key) continue;
			if ((el.type === "radio" || el.type === "checkbox") && !el.checked) continue;
			var box = el.closest("[data-show-if]");
			if (box && box.hidden) continue;
			if (el.value !== "") out.push(el.value);
		}
		return out;
	}

	// A number as the server reads it: one decimal comma is a point.
	function number(s) {
		if (/^[+-]?[0-9]+,[0-9]+$/.test(s) && !/,[0-9]{3}$/.test(s)) s = s.replace(",", ".");
		return /^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$/.test(s) ? parseFloat(s) : NaN;
	}

	function evaluate(form, c) {
		if (c.op === "and") return evaluate(form, c.l) && evaluate(form, c.r);
		if (c.op === "or") return evaluate(form, c.l) || evaluate(form, c.r);
		var vals = values(form, c.key);
		if (c.op === "=") return vals.indexOf(c.value) >= 0;
		if (c.op === "!=") return vals.indexOf(c.value) < 0;
		if (!vals.length) return false;
		var a = number(vals[0]), b = parseFloat(c.value);
		if (isNaN(a) || isNaN(b)) return false;
		if (c.op === "<") return a < b;
		if (c.op === "<=") return a <= b;
		if (c.op === ">") return a > b;
		if (c.op === ">=") return a >= b;
		return true;
	}

	function init() {
		var form = document.querySelector("main form");
		if (!form) return;
		var qs = form.querySelectorAll("[data-show-if]"), items = [];
		for (var k = 0; k < qs.length; k++) {
			try {
				items.push({ el: qs[k], cond: parse(tokenize(qs[k].getAttribute("data-show-if"))) });
			} catch (e) {
				// leave the question visible: the server decides anyway
			}
		}
		if (!items.length) return;
		function update() {
			// hiding one question may hide those whose condition names
			// it: repeat until nothing changes
			for (var round = 0; round <= items.length; round++) {
				var changed = false;
				for (var j = 0; j < items.length; j++) {
					var show = evaluate(form, items[j].cond);
					// never hide a question that shows an error
					if (items[j].el.classList.contains("has-error")) show = true;
					if (items[j].el.hidden === show) changed = true;
					items[j].el.hidden = !show;
				}
				if (!changed) break;
			}
		}
		form.addEventListener("change", update);
		form.addEventListener("input", update);
		update();
	}

	if (document.readyState === "loading") {
		document.addEventListener("DOMContentLoaded", init);
	} else {
		init();
	}
})();
