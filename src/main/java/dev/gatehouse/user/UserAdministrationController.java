package dev.gatehouse.user;

import java.util.List;

import dev.gatehouse.identity.Caller;
import dev.gatehouse.identity.User;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.query.CollectionPage;
import dev.gatehouse.query.CollectionParameters;
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
 * <i>Administration → Users</i>: list, create, edit, deactivate, reset passwords
 * (including the System user's), delete.
 */
@PageController
@RequestMapping("/admin/users")
class UserAdministrationController {

	private static final int PAGE_SIZE = 50;

	private final UserService users;

	private final RoleService roles;

	private final ServiceTokenIntegrations serviceTokenIntegrations;

	UserAdministrationController(UserService users, RoleService roles,
			ServiceTokenIntegrations serviceTokenIntegrations) {
		this.users = users;
		this.roles = roles;
		this.serviceTokenIntegrations = serviceTokenIntegrations;
	}

	@GetMapping
	String list(Caller caller, @RequestParam(defaultValue = "0") int skip,
			@RequestParam(required = false) String filter, Model model) {
		String where = (PageForms.optional(filter) != null) ? "Login contains '" + filter.replace("'", "''") + "'"
				: null;
		CollectionPage<User> page = this.users.list(caller,
				new CollectionParameters(PAGE_SIZE, Math.max(0, skip), where, List.of("Login"), List.of()));
		model.addAttribute("page", page);
		model.addAttribute("filter", filter);
		model.addAttribute("roles", this.roles.all());
		return "identity/users";
	}

	@GetMapping("/{id}")
	String edit(@PathVariable long id, Model model) {
		model.addAttribute("user", this.users.get(id));
		// A new password ends the user's service token: say what it would break.
		model.addAttribute("serviceTokenIntegrations", this.serviceTokenIntegrations.lastThirtyDays(id));
		model.addAttribute("roles", this.roles.all());
		return "identity/user";
	}

	@PostMapping
	String create(Caller caller, UserForm form, RedirectAttributes flash) {
		PageForms.attempt(flash, "Created user " + form.login(), () -> this.users.create(caller, form.toChanges(true)));
		return "redirect:/admin/users";
	}

	@PostMapping("/{id}")
	String update(Caller caller, @PathVariable long id, UserForm form, RedirectAttributes flash) {
		PageForms.attempt(flash, "Saved", () -> this.users.update(caller, id, form.toChanges(false)));
		return "redirect:/admin/users/" + id;
	}

	@PostMapping("/{id}/password")
	String setPassword(Caller caller, @PathVariable long id, @RequestParam String password, RedirectAttributes flash) {
		int integrations = this.serviceTokenIntegrations.lastThirtyDays(id);
		PageForms.attempt(flash,
				(integrations == 0) ? "Password set"
						: "Password set. " + integrations + " integration" + ((integrations == 1) ? "" : "s")
								+ " used the old service token in the last 30 days: "
								+ ((integrations == 1) ? "it no longer works" : "they no longer work"),
				() -> this.users.setPassword(caller, id, password));
		return "redirect:/admin/users/" + id;
	}

	@PostMapping("/{id}/active")
	String setActive(Caller caller, @PathVariable long id, @RequestParam boolean active, RedirectAttributes flash) {
		PageForms.attempt(flash, active ? "Activated" : "Deactivated",
				() -> this.users.update(caller, id, UserChanges.active(active)));
		return "redirect:/admin/users/" + id;
	}

	@PostMapping("/{id}/delete")
	String delete(Caller caller, @PathVariable long id, RedirectAttributes flash) {
		boolean deleted = PageForms.attempt(flash, "Deleted the user", () -> this.users.delete(caller, id));
		return deleted ? "redirect:/admin/users" : "redirect:/admin/users/" + id;
	}

	/**
	 * The user form's fields; checkboxes arrive only when ticked.
	 */
	record UserForm(String login, String password, String firstName, String lastName, String email, String kind,
			Long roleId, String locale, Boolean administrator, Boolean active) {

		UserChanges toChanges(boolean creating) {
			// A checkbox is sent only when ticked: absent means "no".
			return new UserChanges(PageForms.optional(this.login), PageForms.optional(this.password), this.firstName,
					this.lastName, this.email,
					(PageForms.optional(this.kind) != null) ? UserKind.parse(this.kind) : null,
					creating || Boolean.TRUE.equals(this.active), Boolean.TRUE.equals(this.administrator), this.roleId,
					PageForms.optional(this.locale));
		}

		@Override
		public String toString() {
			return "UserForm[login=" + this.login + "]";
		}

	}

}
