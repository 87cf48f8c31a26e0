package dev.gatehouse.pairing;

import dev.gatehouse.identity.Caller;
import dev.gatehouse.system.InvalidRequestException;
import dev.gatehouse.system.NotFoundException;
import dev.gatehouse.system.TooManyRequestsException;
import dev.gatehouse.token.Scope;
import dev.gatehouse.web.PageController;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * <i>Pair an app</i> ({@code /pair}, the verification address of RFC 8628): the user
 * types the code their app shows (or follows the address with the code in it), sees which
 * app on which device asks for which scopes, and approves or denies it with a form, so
 * the answer is always a CSRF-checked POST made in person.
 */
@PageController
@RequestMapping("/pair")
class PairingPageController {

	private final DevicePairing pairing;

	PairingPageController(DevicePairing pairing) {
		this.pairing = pairing;
	}

	@GetMapping
	String show(Caller caller, @RequestParam(required = false) String code, HttpServletRequest request, Model model) {
		model.addAttribute("code", code);
		model.addAttribute("scopes", Scope.values());
		if (code != null && !code.isBlank()) {
			try {
				model.addAttribute("pending", this.pairing.lookUp(caller, code, request.getRemoteAddr()));
			}
			catch (InvalidRequestException | NotFoundException | TooManyRequestsException ex) {
				model.addAttribute("error", ex.getMessage());
			}
		}
		else {
			// Refused here already, not only once a code is typed.
			this.pairing.requireMayPair(caller);
		}
		return "pairing/pair";
	}

	@PostMapping("/approve")
	String approve(Caller caller, @RequestParam(required = false) String code, HttpServletRequest request,
			RedirectAttributes flash) {
		return answer(caller, code, true, request, flash);
	}

	@PostMapping("/deny")
	String deny(Caller caller, @RequestParam(required = false) String code, HttpServletRequest request,
			RedirectAttributes flash) {
		return answer(caller, code, false, request, flash);
	}

	private String answer(Caller caller, String code, boolean approve, HttpServletRequest request,
			RedirectAttributes flash) {
		try {
			DevicePairing.Pending pending = this.pairing.answer(caller, code, approve, request.getRemoteAddr());
			flash.addFlashAttribute("success",
					approve ? "Approved: " + pending.clientId() + " receives its token in a few seconds, and appears"
							+ " under My access tokens, where you can revoke it."
							: "Denied: " + pending.clientId() + " gets no token.");
		}
		catch (InvalidRequestException | NotFoundException | TooManyRequestsException ex) {
			flash.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/pair";
	}

}
