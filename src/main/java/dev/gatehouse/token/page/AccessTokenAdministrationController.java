package dev.gatehouse.token.page;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.gatehouse.identity.Caller;
import dev.gatehouse.query.CollectionPage;
import dev.gatehouse.query.CollectionParameters;
import dev.gatehouse.token.PersonalAccessToken;
import dev.gatehouse.token.FoundToken;
import dev.gatehouse.token.LeakResponse;
import dev.gatehouse.token.PersonalAccessTokenService;
import dev.gatehouse.web.PageController;
import dev.gatehouse.web.PageForms;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * <i>Administration → Access tokens</i> (SPEC §4.4): every user's tokens with user, name,
 * issue date, last use and expiry; filter, sort, page; delete one, or all of a user.
 * Filtering, sorting and paging happen in the database, as links and forms.
 */
@PageController
@RequestMapping("/admin/access-tokens")
class AccessTokenAdministrationController {

	private static final int PAGE_SIZE = 25;

	/** Sortable columns: request value to API field. */
	private static final Map<String, String> SORTS = Map.of("user", "User.Login", "name", "Name", "created",
			"CreateDate", "used", "LastUsedDate", "expires", "ExpirationDate");

	private final PersonalAccessTokenService tokens;

	private final LeakResponse leaks;

	AccessTokenAdministrationController(PersonalAccessTokenService tokens, LeakResponse leaks) {
		this.tokens = tokens;
		this.leaks = leaks;
	}

	@GetMapping
	String list(Caller caller, @RequestParam(required = false) String user, @RequestParam(required = false) String name,
			@RequestParam(defaultValue = "created") String sort, @RequestParam(defaultValue = "true") boolean desc,
			@RequestParam(defaultValue = "0") int skip, Model model) {
		String field = SORTS.getOrDefault(sort, "CreateDate");
		CollectionPage<PersonalAccessToken> page = this.tokens.listAll(caller,
				new CollectionParameters(PAGE_SIZE, Math.max(0, skip), filter(user, name),
						desc ? List.of() : List.of(field), desc ? List.of(field) : List.of()));
		model.addAttribute("page", page);
		model.addAttribute("user", user);
		model.addAttribute("name", name);
		model.addAttribute("sort", SORTS.containsKey(sort) ? sort : "created");
		model.addAttribute("desc", desc);
		model.addAttribute("today", this.tokens.today());
		return "token/administration";
	}

	/**
	 * "What is this token?": a value an administrator found, posted (never in the
	 * address) and answered about that token only.
	 */
	@PostMapping("/lookup")
	String lookUp(Caller caller, @RequestParam(defaultValue = "") String value, Model model) {
		Optional<FoundToken> found = this.leaks.lookUp(caller, value);
		model.addAttribute("found", found.orElse(null));
		model.addAttribute("lookedUp", true);
		return list(caller, null, null, "created", true, 0, model);
	}

	@PostMapping("/{id}/delete")
	String delete(Caller caller, @PathVariable long id, RedirectAttributes flash) {
		PageForms.attempt(flash, "Deleted the token", () -> this.tokens.delete(caller, id));
		return "redirect:/admin/access-tokens";
	}

	@PostMapping("/users/{userId}/delete")
	String deleteAllOfUser(Caller caller, @PathVariable long userId, RedirectAttributes flash) {
		PageForms.attempt(flash, "Deleted all tokens of the user", () -> this.tokens.deleteAllOfUser(caller, userId));
		return "redirect:/admin/access-tokens";
	}

	/**
	 * The filter form as a {@code where}: each field given narrows the list. The values
	 * are quoted here and bound as parameters by the parser.
	 */
	private static String filter(String user, String name) {
		List<String> conditions = new java.util.ArrayList<>();
		if (PageForms.optional(user) != null) {
			conditions.add("(User.Login contains '" + user.replace("'", "''") + "')");
		}
		if (PageForms.optional(name) != null) {
			conditions.add("(Name contains '" + name.replace("'", "''") + "')");
		}
		return conditions.isEmpty() ? null : String.join(" and ", conditions);
	}

}
