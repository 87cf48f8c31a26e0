// Makes the project access token table quicker: filter as you type, change the page size
// or "Show expired" without pressing Apply, page and sort without reloading the page, and
// confirm a delete in a dialog. Without this script every control is a plain link or form.
document.addEventListener('DOMContentLoaded', function () {
	var toolbar = document.getElementById('table-toolbar');
	var region = document.getElementById('tokens-region');
	var confirmDialog = document.getElementById('confirm-delete');
	var newToken = document.getElementById('new-token-dialog');
	if (!toolbar || !region) {
		return;
	}

	// The window that shows a new token is modal once the script runs.
	if (newToken && newToken.open && newToken.showModal) {
		newToken.close();
		newToken.showModal();
	}

	var pending = null;
	function load(url) {
		if (pending) {
			pending.abort();
		}
		pending = new AbortController();
		fetch(url, { headers: { 'Accept': 'text/html' }, signal: pending.signal, credentials: 'same-origin' })
			.then(function (response) {
				if (!response.ok) {
					throw new Error('HTTP ' + response.status);
				}
				return response.text();
			})
			.then(function (html) {
				var page = new DOMParser().parseFromString(html, 'text/html');
				var fresh = page.getElementById('tokens-region');
				if (!fresh) {
					window.location.assign(url);
					return;
				}
				region.replaceWith(fresh);
				region = fresh;
				// The hidden fields that carry the table's state in the other forms.
				['#table-toolbar', '#create-form'].forEach(function (form) {
					page.querySelectorAll(form + ' input[type=hidden]').forEach(function (source) {
						var target = document.querySelector(form + ' input[type=hidden][name="' + source.name + '"]');
						if (target && source.name !== '_csrf') {
							target.value = source.value;
						}
					});
				});
				history.replaceState(null, '', url);
			})
			.catch(function (error) {
				if (error.name !== 'AbortError') {
					window.location.assign(url);
				}
			});
	}

	function toolbarUrl() {
		var query = new URLSearchParams(new FormData(toolbar));
		return toolbar.getAttribute('action') + '?' + query.toString();
	}

	toolbar.addEventListener('submit', function (event) {
		event.preventDefault();
		load(toolbarUrl());
	});
	toolbar.querySelectorAll('select, input[type=checkbox]').forEach(function (control) {
		control.addEventListener('change', function () { load(toolbarUrl()); });
	});
	var typing = null;
	var filter = document.getElementById('filter');
	filter.addEventListener('input', function () {
		clearTimeout(typing);
		typing = setTimeout(function () { load(toolbarUrl()); }, 250);
	});

	document.addEventListener('click', function (event) {
		var link = event.target.closest('a');
		if (!link || !region.contains(link)) {
			return;
		}
		if (link.classList.contains('delete-token') && confirmDialog && confirmDialog.showModal) {
			event.preventDefault();
			document.getElementById('confirm-delete-name').textContent = link.getAttribute('data-token-name');
			document.getElementById('confirm-delete-form').setAttribute('action', link.getAttribute('href'));
			confirmDialog.showModal();
			document.getElementById('confirm-delete-no').focus();
			return;
		}
		if (link.closest('.pager') || link.closest('thead')) {
			event.preventDefault();
			load(link.getAttribute('href'));
		}
	});
	var no = document.getElementById('confirm-delete-no');
	if (no) {
		no.addEventListener('click', function () { confirmDialog.close(); });
	}
});
