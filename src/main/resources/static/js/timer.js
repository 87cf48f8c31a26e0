// The running timer's elapsed time, live; the page shows it correctly without this too.
// The server's "now" is the reference, so a wrong clock on this machine changes nothing.
document.addEventListener('DOMContentLoaded', function () {
	var zone = document.getElementById('timerTimeZone');
	if (zone && window.Intl) {
		zone.value = Intl.DateTimeFormat().resolvedOptions().timeZone || '';
	}
	var elapsed = document.getElementById('timer-elapsed');
	if (!elapsed) {
		return;
	}
	var start = Number(elapsed.dataset.start);
	var stops = Number(elapsed.dataset.stops);
	var skew = Number(elapsed.dataset.now) - Date.now();
	var pad = function (n) { return (n < 10 ? '0' : '') + n; };
	var show = function () {
		var now = Math.min(Date.now() + skew, stops);
		var seconds = Math.max(0, Math.floor((now - start) / 1000));
		elapsed.textContent = Math.floor(seconds / 3600) + ':' + pad(Math.floor(seconds % 3600 / 60)) + ':' + pad(seconds % 60);
	};
	show();
	window.setInterval(show, 1000);
});
