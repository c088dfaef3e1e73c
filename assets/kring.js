/*
 * kring.js - small progressive enhancements. Every page works without it.
 *
 * 1. Buttons marked data-kring-print become visible and print the page.
 * 2. Forms that post inside a [data-kring-region] (the lists on a community's
 *    page: sterktes, behoeften, OF / BY / FOR, people) are sent in the
 *    background; the regions of the page that comes back replace the old
 *    ones, focus returns to where the person was, and the notice is read out.
 *    Without this script the same forms post and come back to an #anchor.
 */
(function () {
	'use strict';

	function live() {
		var el = document.getElementById('kring-live');
		if (!el) {
			el = document.createElement('div');
			el.id = 'kring-live';
			el.className = 'kring-sr';
			el.setAttribute('aria-live', 'polite');
			el.setAttribute('role', 'status');
			document.body.appendChild(el);
		}
		return el;
	}

	function announce(text) {
		var el = live();
		el.textContent = '';
		window.setTimeout(function () { el.textContent = text; }, 50);
	}

	/* Selectors to try for focus after a list changed, best first. */
	function focusTargets(form, submitter, region) {
		var out = [];
		var key = submitter && submitter.getAttribute('data-kring-focus');
		if (key) {
			var m = /^(op|neer|save|add)-(.+)$/.exec(key);
			if (m && m[1] === 'add')
				out.push('#nieuw-' + m[2]);
			out.push('[data-kring-focus="' + key + '"]');
			if (m && m[1] === 'op')
				out.push('[data-kring-focus="neer-' + m[2] + '"]', '#item-' + m[2]);
			if (m && m[1] === 'neer')
				out.push('[data-kring-focus="op-' + m[2] + '"]', '#item-' + m[2]);
			if (m && m[1] === 'save')
				out.push('#item-' + m[2]);
		}
		var item = form.closest('.kring-item');
		if (item && item.id)
			out.push('#' + item.id);
		var list = form.closest('.kring-list');
		if (list && list.id)
			out.push('#h-' + list.id);
		var heading = region.querySelector('[tabindex="-1"]');
		if (heading && heading.id)
			out.push('#' + heading.id);
		return out;
	}

	function replaceRegions(doc) {
		var replaced = [];
		document.querySelectorAll('[data-kring-region]').forEach(function (old) {
			var fresh = old.id && doc.getElementById(old.id);
			if (fresh) {
				old.replaceWith(document.importNode(fresh, true));
				replaced.push(old.id);
			}
		});
		return replaced;
	}

	function onSubmit(e) {
		var form = e.target;
		if (!(form instanceof HTMLFormElement) || form.method.toLowerCase() !== 'post')
			return;
		var region = form.closest('[data-kring-region]');
		if (!region || !window.fetch || !window.DOMParser)
			return;
		e.preventDefault();
		var submitter = e.submitter || null;
		var targets = focusTargets(form, submitter, region);
		var regionId = region.id;
		var body = new URLSearchParams(new FormData(form));
		var buttons = form.querySelectorAll('button');
		buttons.forEach(function (b) { b.disabled = true; });
		fetch(form.action, {
			method: 'POST',
			body: body,
			credentials: 'same-origin',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		}).then(function (res) {
			return res.text().then(function (text) { return { res: res, text: text }; });
		}).then(function (r) {
			var doc = new DOMParser().parseFromString(r.text, 'text/html');
			if (!doc.getElementById(regionId)) {
				/* an error page (expired form, no access): show it as it is */
				document.open();
				document.write(r.text);
				document.close();
				return;
			}
			replaceRegions(doc);
			var fresh = document.getElementById(regionId);
			for (var i = 0; i < targets.length; i++) {
				var el = document.querySelector(targets[i]);
				if (el) {
					el.focus();
					break;
				}
			}
			var note = fresh.querySelector('.kring-notice, .utrecht-form-field-error-message');
			if (note)
				announce(note.textContent.trim());
		}).catch(function () {
			buttons.forEach(function (b) { b.disabled = false; });
			form.submit(); /* the network failed: let the browser try the ordinary way */
		});
	}

	function init() {
		document.querySelectorAll('[data-kring-print]').forEach(function (b) {
			b.hidden = false;
			b.addEventListener('click', function () { window.print(); });
		});
		document.addEventListener('submit', onSubmit);
	}

	if (document.readyState === 'loading')
		document.addEventListener('DOMContentLoaded', init);
	else
		init();
})();

/*
 * 3. Partner power on a phone: werkblad 5's questions beside each field
 *    (details marked data-kring-fold-on-phone, open in the HTML) start
 *    folded on a narrow screen, so the five fields are quick to reach; one
 *    tap opens them. Without this script they simply stay open.
 */
(function () {
	'use strict';

	function fold() {
		if (!window.matchMedia || !window.matchMedia('(max-width: 40rem)').matches)
			return;
		document.querySelectorAll('details[data-kring-fold-on-phone]').forEach(function (d) {
			d.open = false;
		});
	}

	if (document.readyState === 'loading')
		document.addEventListener('DOMContentLoaded', fold);
	else
		fold();
})();

/*
 * 4. The menu works without this (<details>). With it, Escape closes the
 *    open group or phone menu and puts focus back on its button, and a
 *    click or tap elsewhere on the page closes them.
 */
(function () {
	'use strict';

	function openMenus() {
		return Array.prototype.slice.call(
			document.querySelectorAll('.kring-header details[open]'));
	}

	document.addEventListener('keydown', function (e) {
		if (e.key !== 'Escape')
			return;
		var open = openMenus();
		if (!open.length)
			return;
		/* the innermost first: a group inside the phone menu */
		var d = open[open.length - 1];
		d.open = false;
		var s = d.querySelector('summary');
		if (s && getComputedStyle(s).display !== 'none')
			s.focus();
	});

	document.addEventListener('click', function (e) {
		openMenus().forEach(function (d) {
			if (!d.contains(e.target))
				d.open = false;
		});
	});
})();
