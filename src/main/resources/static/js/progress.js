// Refreshes the progress box of a notice that is being sent, and its results box while
// confirmations and answers come in, every few seconds, without a reload. Without JavaScript the page still shows the figures of its last load.
(function () {
	'use strict';
	var box = document.getElementById('progress');
	if (!box || !window.fetch) {
		return;
	}
	var url = box.getAttribute('data-progress-url');
	// confirmations keep coming after the last message is out
	var keepPolling = box.getAttribute('data-keep-polling') === 'true';
	var announced = false;
	var hint = document.getElementById('progress-hint');
	var announce = document.getElementById('progress-announce');
	var fields = ['sent', 'remaining', 'failed', 'bounced', 'skipped', 'rate', 'eta', 'confirmed'];
	var started = Date.now();
	// stop after half an hour, so that an open page does not keep a session alive for ever
	var maxAge = 30 * 60 * 1000;
	var timer;
	// the results box (confirmations, answers, breakdowns) is refreshed every other time
	var results = document.getElementById('results-box');
	var resultsUrl = results ? results.getAttribute('data-results-url') : null;
	var ticks = 0;

	if (hint && hint.getAttribute('data-live-text')) {
		hint.textContent = hint.getAttribute('data-live-text');
	}

	function show(figures) {
		fields.forEach(function (name) {
			var cell = document.getElementById('progress-' + name);
			if (cell && figures[name] !== undefined) {
				cell.textContent = figures[name] === '' ? '—' : String(figures[name]);
			}
		});
		if (figures.done) {
			if (!keepPolling) {
				window.clearInterval(timer);
			}
			if (announce && figures.summary && !announced) {
				announce.textContent = figures.summary;
				announced = true;
			}
		}
	}

	// The results answer is a whole page (so that opened alone it has a language and a
	// title): take its .results box. Whoever is scrolling a table with the keyboard keeps
	// their place: focus and sideways scroll go back to the region of the same label.
	function replaceResults(html) {
		var fresh = new DOMParser().parseFromString(html, 'text/html').querySelector('.results');
		if (!fresh) {
			return;
		}
		var active = document.activeElement;
		var label = active && results.contains(active) ? active.getAttribute('aria-labelledby') : null;
		var scrolled = label ? active.scrollLeft : 0;
		results.innerHTML = fresh.outerHTML;
		if (label) {
			var again = results.querySelector('[aria-labelledby="' + label + '"]');
			if (again) {
				again.scrollLeft = scrolled;
				again.focus({ preventScroll: true });
			}
		}
	}

	function refresh() {
		if (Date.now() - started > maxAge) {
			window.clearInterval(timer);
			return;
		}
		fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
			.then(function (response) {
				if (!response.ok) {
					throw new Error(response.status);
				}
				return response.json();
			})
			.then(show)
			.catch(function () {
				// signed out or unreachable: keep the last figures and stop asking
				window.clearInterval(timer);
			});
		ticks += 1;
		if (resultsUrl && ticks % 2 === 0) {
			fetch(resultsUrl, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
				.then(function (response) {
					if (!response.ok) {
						throw new Error(response.status);
					}
					return response.text();
				})
				.then(replaceResults)
				.catch(function () {
					resultsUrl = null;
				});
		}
	}

	timer = window.setInterval(refresh, 3000);
}());
