package dev.gatehouse.home;

import dev.gatehouse.settings.SettingsService;
import dev.gatehouse.sso.IdentityProviderService;
import dev.gatehouse.web.PageController;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The login page; the form posts to Spring Security's login processing.
 */
@PageController
class LoginController {

	private final SettingsService settings;

	private final IdentityProviderService identityProviders;

	LoginController(SettingsService settings, IdentityProviderService identityProviders) {
		this.settings = settings;
		this.identityProviders = identityProviders;
	}

	@GetMapping("/login")
	String login(Model model) {
		model.addAttribute("loginFormEnabled", this.settings.loginFormEnabled());
		model.addAttribute("identityProviders", this.identityProviders.all());
		return "home/login";
	}

}
