// Copies the new token to the clipboard; the page works without it (the field is selectable).
document.addEventListener('DOMContentLoaded', function () {
	var button = document.getElementById('copy-token');
	var field = document.getElementById('new-token');
	var status = document.getElementById('copy-status');
	if (!button || !field) {
		return;
	}
	button.hidden = false;
	button.addEventListener('click', function () {
		field.select();
		var done = function () { status.textContent = 'Copied to the clipboard.'; };
		if (navigator.clipboard && window.isSecureContext) {
			navigator.clipboard.writeText(field.value).then(done, function () { document.execCommand('copy'); done(); });
		} else {
			document.execCommand('copy');
			done();
		}
	});
});
