package dev.gatehouse.settings;

import dev.gatehouse.identity.Caller;
import dev.gatehouse.web.PageForms;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * <i>Administration → Settings</i>: the organisation settings.
 */
@Controller
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
			RedirectAttributes flash) {
		PageForms.attempt(flash, "Settings saved", () -> this.settings.update(caller, loginFormEnabled));
		return "redirect:/admin/settings";
	}

}
