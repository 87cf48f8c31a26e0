package dev.gatehouse.token.page;

import dev.gatehouse.identity.Caller;
import dev.gatehouse.settings.SettingsService;
import dev.gatehouse.settings.SettingsService.SettingsChanges;
import dev.gatehouse.token.ServiceTokenUses;
import dev.gatehouse.web.PageController;
import dev.gatehouse.web.PageForms;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * <i>Administration → Service tokens</i>: who still uses a legacy service token, from
 * where, in the last 30 days, and the switch that refuses them all.
 */
@PageController
@RequestMapping("/admin/service-tokens")
class ServiceTokenAdministrationController {

	private final ServiceTokenUses uses;

	private final SettingsService settings;

	ServiceTokenAdministrationController(ServiceTokenUses uses, SettingsService settings) {
		this.uses = uses;
		this.settings = settings;
	}

	@GetMapping
	String page(Caller caller, Model model) {
		model.addAttribute("uses", this.uses.recent(caller));
		model.addAttribute("enabled", this.settings.current().serviceTokensEnabled());
		model.addAttribute("dropped", this.uses.dropped());
		return "token/service-tokens";
	}

	@PostMapping
	String set(Caller caller, @RequestParam boolean enabled, RedirectAttributes flash) {
		PageForms.attempt(flash,
				enabled ? "Service tokens are accepted again"
						: "Service tokens are switched off: every one is refused, naming personal access tokens",
				() -> this.settings.update(caller, SettingsChanges.serviceTokens(enabled)));
		return "redirect:/admin/service-tokens";
	}

}
