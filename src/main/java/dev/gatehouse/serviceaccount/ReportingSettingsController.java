package dev.gatehouse.serviceaccount;

import dev.gatehouse.identity.Caller;
import dev.gatehouse.settings.SettingsService;
import dev.gatehouse.settings.SettingsService.SettingsChanges;
import dev.gatehouse.token.Scope;
import dev.gatehouse.web.PageController;
import dev.gatehouse.web.PageForms;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * <i>Settings → Reporting and API → Service account</i> (SPEC §6.1), for administrators:
 * the configured account and its state with what to do, <b>Set myself as service
 * account</b> (with a new token, or one of one's eligible tokens) and <b>Do not use
 * service account</b>.
 */
@PageController
@RequestMapping("/settings/reporting-and-api")
class ReportingSettingsController {

	private final ServiceAccountService serviceAccount;

	private final SettingsService settings;

	ReportingSettingsController(ServiceAccountService serviceAccount, SettingsService settings) {
		this.serviceAccount = serviceAccount;
		this.settings = settings;
	}

	@GetMapping
	String page(Caller caller, Model model) {
		caller.requireAdministrator("configure reporting and the service account");
		model.addAttribute("status", this.serviceAccount.status());
		model.addAttribute("timers", this.serviceAccount.actAs(Scope.TIME_WRITE));
		model.addAttribute("reportingRoot",
				ServletUriComponentsBuilder.fromCurrentContextPath().path("/odata").build().toUriString());
		model.addAttribute("eligibleTokens", this.serviceAccount.eligibleTokens(caller));
		model.addAttribute("showRestrictedWorkItems", this.settings.current().showRestrictedWorkItems());
		return "serviceaccount/reporting-and-api";
	}

	@PostMapping("/service-account")
	String setMyself(Caller caller, @RequestParam(required = false) Long tokenId, RedirectAttributes flash) {
		PageForms.attempt(flash, "You are now the service account", () -> {
			if (tokenId == null) {
				this.serviceAccount.setMyselfWithNewToken(caller);
			}
			else {
				this.serviceAccount.setMyself(caller, tokenId);
			}
		});
		return "redirect:/settings/reporting-and-api";
	}

	@PostMapping("/privacy")
	String privacy(Caller caller, @RequestParam(defaultValue = "false") boolean showRestrictedWorkItems,
			RedirectAttributes flash) {
		PageForms.attempt(flash, "Privacy setting saved",
				() -> this.settings.update(caller, SettingsChanges.reportingPrivacy(showRestrictedWorkItems)));
		return "redirect:/settings/reporting-and-api";
	}

	@PostMapping("/service-account/delete")
	String clear(Caller caller, RedirectAttributes flash) {
		PageForms.attempt(flash, "The service account is no longer used", () -> this.serviceAccount.clear(caller));
		return "redirect:/settings/reporting-and-api";
	}

}
