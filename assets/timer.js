// timer.js - the visible ten-minute timer of the vision exercise (werkblad 1).
// The page works without it: then it says to set an alarm. Texts come from
// the page (data-label-*), so they stay in the Dutch text table.
(function () {
	'use strict';
	var box = document.getElementById('kring-timer');
	if (!box) return;
	var total = parseInt(box.getAttribute('data-seconds'), 10) || 600;
	var left = total;
	var timer = null;
	var time = box.querySelector('.kring-timer__time');
	var start = box.querySelector('[data-timer="start"]');
	var reset = box.querySelector('[data-timer="reset"]');
	var status = box.querySelector('[data-timer="status"]');
	var nojs = document.querySelector('.kring-timer__nojs');
	var labelStart = box.getAttribute('data-label-start');
	var labelPause = box.getAttribute('data-label-pause');

	function show() {
		var m = Math.floor(left / 60), s = left % 60;
		time.textContent = m + ':' + (s < 10 ? '0' : '') + s;
		box.classList.toggle('kring-timer--done', left === 0);
	}
	function announce(text) {
		status.textContent = text;
	}
	function tick() {
		left -= 1;
		show();
		if (left === 300) announce(box.getAttribute('data-msg-five'));
		if (left === 60) announce(box.getAttribute('data-msg-one'));
		if (left <= 0) {
			stop();
			announce(box.getAttribute('data-msg-done'));
		}
	}
	function stop() {
		if (timer) clearInterval(timer);
		timer = null;
		start.textContent = labelStart;
	}
	start.addEventListener('click', function () {
		if (timer) {
			stop();
			return;
		}
		if (left <= 0) left = total;
		timer = setInterval(tick, 1000);
		start.textContent = labelPause;
		announce(box.getAttribute('data-msg-running'));
	});
	reset.addEventListener('click', function () {
		stop();
		left = total;
		show();
		announce('');
	});
	box.hidden = false;
	if (nojs) nojs.hidden = true;
	show();
}());
