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
		model.addAttribute("settings", this.settings.current());
		return "settings/settings";
	}

	@PostMapping
	String update(Caller caller, @RequestParam(defaultValue = "false") boolean loginFormEnabled,
			@RequestParam(required = false) Integer tokenMaxLifetimeDays,
			@RequestParam(defaultValue = "false") boolean tokenExpiryRequired, RedirectAttributes flash) {
		PageForms.attempt(flash, "Settings saved", () -> this.settings.update(caller,
				new SettingsChanges(loginFormEnabled, tokenMaxLifetimeDays, tokenExpiryRequired)));
		return "redirect:/admin/settings";
	}

}
