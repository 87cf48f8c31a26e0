package dev.gatehouse.trustedci;

import dev.gatehouse.identity.Caller;
import dev.gatehouse.trustedci.TrustedCiIdentityService.NewTrustedCiIdentity;
import dev.gatehouse.web.PageController;
import dev.gatehouse.web.PageForms;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * The forms of the <i>Trusted CI identities</i> section of a project's <i>Access
 * tokens</i> page: add one, remove one. Both return to that page.
 */
@PageController
@RequestMapping("/admin/projects/{key}/trusted-ci-identities")
class TrustedCiIdentityPageController {

	private final TrustedCiIdentityService identities;

	TrustedCiIdentityPageController(TrustedCiIdentityService identities) {
		this.identities = identities;
	}

	@PostMapping
	String add(Caller caller, @PathVariable String key, @RequestParam(required = false) String name,
			@RequestParam(required = false) String issuer, @RequestParam(required = false) String audience,
			@RequestParam(required = false) String claims, RedirectAttributes flash) {
		// Someone who does not administer the project is refused (403), not told so in a
		// message.
		this.identities.list(caller, key);
		boolean added = PageForms.attempt(flash, "Trusted CI identity added: its jobs may upload snapshots now",
				() -> this.identities.add(caller, key, new NewTrustedCiIdentity(name, issuer, audience,
						TrustedCiIdentityService.claimsFromLines(claims))));
		if (!added) {
			// What was typed, to correct rather than retype (flash attributes live in the
			// session: plain strings only).
			flash.addFlashAttribute("draftCiName", name);
			flash.addFlashAttribute("draftCiIssuer", issuer);
			flash.addFlashAttribute("draftCiAudience", audience);
			flash.addFlashAttribute("draftCiClaims", claims);
		}
		return back(key);
	}

	@PostMapping("/{id}/delete")
	String remove(Caller caller, @PathVariable String key, @PathVariable long id, RedirectAttributes flash) {
		this.identities.list(caller, key);
		PageForms.attempt(flash, "Trusted CI identity removed; its jobs' tokens are refused from now on",
				() -> this.identities.remove(caller, key, id));
		return back(key);
	}

	private static String back(String key) {
		return "redirect:/admin/projects/" + UriUtils.encodePathSegment(key, "UTF-8")
				+ "/access-tokens#trusted-ci-identities";
	}

}
