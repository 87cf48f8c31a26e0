package dev.gatehouse.token.page;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.gatehouse.identity.Caller;
import dev.gatehouse.query.CollectionParameters;
import dev.gatehouse.system.AccessRefusedException;
import dev.gatehouse.system.ConflictException;
import dev.gatehouse.system.InvalidRequestException;
import dev.gatehouse.system.NotFoundException;
import dev.gatehouse.token.PairedApps;
import dev.gatehouse.token.PersonalAccessToken;
import dev.gatehouse.token.PersonalAccessTokenService.IssuedToken;
import dev.gatehouse.token.PersonalAccessTokenService;
import dev.gatehouse.token.Scope;
import dev.gatehouse.user.UserDirectory;
import dev.gatehouse.web.PageController;
import dev.gatehouse.web.PageForms;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * <i>Settings → Authentication and security → Personal access tokens</i> (SPEC §4.1):
 * one's own tokens, a form to create one, rotate, delete. The page exists only for users
 * whose default role allows access tokens. A new token's value is shown in the answer to
 * its creation and nowhere else: it never passes through the session.
 */
@PageController
@RequestMapping("/settings/authentication-and-security")
class AccessTokenSettingsController {

	private static final int USES_PER_PAGE = 50;

	private final PersonalAccessTokenService tokens;

	private final UserDirectory users;

	private final PairedApps pairedApps;

	AccessTokenSettingsController(PersonalAccessTokenService tokens, UserDirectory users, PairedApps pairedApps) {
		this.pairedApps = pairedApps;
		this.tokens = tokens;
		this.users = users;
	}

	@GetMapping
	String page(Caller caller, Model model) {
		requireTokenPermission(caller);
		return render(caller, model);
	}

	@PostMapping("/access-tokens")
	String create(Caller caller, @RequestParam String name,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate expirationDate,
			@RequestParam(name = "scopes", required = false) List<String> scopes, Model model) {
		requireTokenPermission(caller);
		try {
			IssuedToken issued = this.tokens.create(caller, name, scopeSet(scopes), expirationDate);
			model.addAttribute("issued", issued);
		}
		catch (InvalidRequestException | AccessRefusedException ex) {
			model.addAttribute("error", ex.getMessage());
			model.addAttribute("draftName", name);
		}
		return render(caller, model);
	}

	/**
	 * A new value for one of the caller's tokens, shown this once like a new token's; the
	 * old one keeps working for the overlap, or until the new one is first used.
	 */
	@PostMapping("/access-tokens/{id}/rotate")
	String rotate(Caller caller, @PathVariable long id, Model model) {
		requireTokenPermission(caller);
		try {
			model.addAttribute("issued", this.tokens.rotate(caller, id, null));
			model.addAttribute("rotated", true);
		}
		catch (InvalidRequestException | AccessRefusedException | NotFoundException | ConflictException ex) {
			model.addAttribute("rotationError", ex.getMessage());
		}
		return render(caller, model);
	}

	/**
	 * One token: its details and its usage log, newest first, a page at a time.
	 */
	@GetMapping("/access-tokens/{id}")
	String token(Caller caller, @PathVariable long id, @RequestParam(defaultValue = "0") int skip, Model model) {
		requireTokenPermission(caller);
		PersonalAccessToken token = this.tokens.get(caller, id);
		if (token.userId() != caller.userId()) {
			throw NotFoundException.of("AccessToken", id);
		}
		model.addAttribute("token", token);
		model.addAttribute("uses", this.tokens.uses(caller, id,
				new CollectionParameters(USES_PER_PAGE, Math.max(0, skip), null, List.of(), List.of())));
		model.addAttribute("today", this.tokens.today());
		model.addAttribute("scopes", Scope.values());
		return "token/token";
	}

	@PostMapping("/access-tokens/{id}/delete")
	String delete(Caller caller, @PathVariable long id, RedirectAttributes flash) {
		PageForms.attempt(flash, "Deleted the token; it no longer works anywhere",
				() -> this.tokens.delete(caller, id));
		return "redirect:/settings/authentication-and-security";
	}

	private String render(Caller caller, Model model) {
		model.addAttribute("tokens",
				this.tokens
					.listOwn(caller,
							new CollectionParameters(CollectionParameters.MAX_TAKE, 0, null, List.of(),
									List.of("CreateDate")))
					.items());
		model.addAttribute("pairedApps", this.pairedApps.pairedApps(caller.userId()));
		model.addAttribute("today", this.tokens.today());
		model.addAttribute("scopes", Scope.values());
		return "token/settings";
	}

	private void requireTokenPermission(Caller caller) {
		boolean allowed = !caller.isRequester()
				&& this.users.find(caller.userId()).map(UserDirectory.UserAccess::mayUseAccessTokens).orElse(false);
		if (!allowed) {
			throw new AccessRefusedException("Your default role does not allow access tokens");
		}
	}

	private static Set<Scope> scopeSet(List<String> names) {
		if (names == null || names.isEmpty()) {
			return null;
		}
		Set<Scope> set = EnumSet.noneOf(Scope.class);
		names.forEach((name) -> set.add(Scope.parse(name)));
		return set;
	}

}
