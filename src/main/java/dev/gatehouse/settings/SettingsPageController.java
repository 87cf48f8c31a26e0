package dev.gatehouse.settings;

import dev.gatehouse.identity.Caller;
import dev.gatehouse.settings.SettingsService.SettingsChanges;
import dev.gatehouse.web.PageForms;

import dev.gatehouse.web.PageController;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * <i>Administration → Settings</i>: the organisation settings.
 */
@PageController
@RequestMapping("/admin/settings")
class SettingsPageController {

	private final SettingsService settings;

	SettingsPageController(SettingsService settings) {
		this.settings = settings;
	}

	@GetMapping
	String settings(Model model) {
		OrganisationSettings current = this.settings.current();
		model.addAttribute("settings", current);
		// Shown in whole MiB; a limit set in bytes through the API shows as at least 1.
		model.addAttribute("snapshotMaxMegabytes", Math.max(1, current.snapshotMaxBytes() / (1024 * 1024)));
		return "settings/settings";
	}

	@PostMapping
	String update(Caller caller, @RequestParam(defaultValue = "false") boolean loginFormEnabled,
			@RequestParam(required = false) Integer tokenMaxLifetimeDays,
			@RequestParam(defaultValue = "false") boolean tokenExpiryRequired,
			@RequestParam(required = false) Long snapshotMaxMegabytes, RedirectAttributes flash) {
		PageForms.attempt(flash, "Settings saved",
				() -> this.settings.update(caller, new SettingsChanges(loginFormEnabled, tokenMaxLifetimeDays,
						tokenExpiryRequired, bytes(snapshotMaxMegabytes), null, null)));
		return "redirect:/admin/settings";
	}

	/** MiB to bytes; a number too large to be a limit stays too large, never wraps. */
	private static Long bytes(Long megabytes) {
		if (megabytes == null) {
			return null;
		}
		long limit = OrganisationSettings.MAX_SNAPSHOT_BYTES / (1024 * 1024);
		return (megabytes > limit) ? OrganisationSettings.MAX_SNAPSHOT_BYTES + 1 : megabytes * 1024 * 1024;
	}

}
