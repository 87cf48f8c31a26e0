package dev.gatehouse.home;

import dev.gatehouse.settings.SettingsService;
import dev.gatehouse.web.PageController;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The login page; the form posts to Spring Security's login processing.
 */
@PageController
class LoginController {

	private final SettingsService settings;

	LoginController(SettingsService settings) {
		this.settings = settings;
	}

	@GetMapping("/login")
	String login(Model model) {
		model.addAttribute("loginFormEnabled", this.settings.loginFormEnabled());
		return "home/login";
	}

}
