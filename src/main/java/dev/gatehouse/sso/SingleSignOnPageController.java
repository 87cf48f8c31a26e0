package dev.gatehouse.sso;

import java.util.List;

import dev.gatehouse.identity.Caller;
import dev.gatehouse.sso.IdentityProviderService.NewIdentityProvider;
import dev.gatehouse.web.PageController;
import dev.gatehouse.web.PageForms;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * <i>Organisation → Single sign-on</i>: the identity providers, for administrators.
 */
@PageController
@RequestMapping("/admin/settings/single-sign-on")
class SingleSignOnPageController {

	private final IdentityProviderService providers;

	SingleSignOnPageController(IdentityProviderService providers) {
		this.providers = providers;
	}

	@GetMapping
	String page(Caller caller, Model model) {
		model.addAttribute("providers", this.providers.list(caller));
		// What to register at the provider: this server's address as the browser sees it.
		model.addAttribute("baseUrl", ServletUriComponentsBuilder.fromCurrentContextPath().toUriString());
		return "sso/single-sign-on";
	}

	@PostMapping
	String add(Caller caller, @RequestParam(required = false) String displayName,
			@RequestParam(required = false) String issuer, @RequestParam(required = false) String clientId,
			@RequestParam(required = false) String clientSecret, @RequestParam(required = false) String registrationId,
			@RequestParam(defaultValue = "false") boolean linkByVerifiedEmail,
			@RequestParam(defaultValue = "false") boolean provisionUsers,
			@RequestParam(required = false) String roleClaim,
			@RequestParam(required = false) String administratorValues,
			@RequestParam(required = false) String requesterValues, RedirectAttributes flash) {
		PageForms
			.attempt(flash, "Identity provider added",
					() -> this.providers.add(caller, new NewIdentityProvider(displayName, issuer, clientId,
							clientSecret, PageForms.optional(registrationId), linkByVerifiedEmail, provisionUsers,
							PageForms.optional(roleClaim), lines(administratorValues), lines(requesterValues))));
		return "redirect:/admin/settings/single-sign-on";
	}

	/** A text area's values, one per line, blank lines skipped. */
	private static List<String> lines(String text) {
		return (text == null) ? List.of() : text.lines().map(String::strip).filter((line) -> !line.isEmpty()).toList();
	}

	@PostMapping("/{id}/delete")
	String remove(Caller caller, @PathVariable long id, RedirectAttributes flash) {
		PageForms.attempt(flash, "Identity provider removed", () -> this.providers.remove(caller, id));
		return "redirect:/admin/settings/single-sign-on";
	}

}
