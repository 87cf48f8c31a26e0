package dev.gatehouse.user;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.gatehouse.identity.Caller;
import dev.gatehouse.identity.Permission;
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
 * <i>Administration → Roles</i>: each role's permissions, new roles, deletion.
 */
@PageController
@RequestMapping("/admin/roles")
class RoleAdministrationController {

	private final RoleService roles;

	RoleAdministrationController(RoleService roles) {
		this.roles = roles;
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("roles", this.roles.all());
		model.addAttribute("permissions", Permission.values());
		return "identity/roles";
	}

	@PostMapping
	String create(Caller caller, @RequestParam String name,
			@RequestParam(name = "permissions", required = false) List<String> permissions, RedirectAttributes flash) {
		PageForms.attempt(flash, "Created role " + name,
				() -> this.roles.create(caller, name, permissionSet(permissions)));
		return "redirect:/admin/roles";
	}

	@PostMapping("/{id}")
	String update(Caller caller, @PathVariable long id, @RequestParam String name,
			@RequestParam(name = "permissions", required = false) List<String> permissions, RedirectAttributes flash) {
		PageForms.attempt(flash, "Saved role " + name,
				() -> this.roles.update(caller, id, name, permissionSet(permissions)));
		return "redirect:/admin/roles";
	}

	@PostMapping("/{id}/delete")
	String delete(Caller caller, @PathVariable long id, RedirectAttributes flash) {
		PageForms.attempt(flash, "Deleted the role", () -> this.roles.delete(caller, id));
		return "redirect:/admin/roles";
	}

	private static Set<Permission> permissionSet(List<String> names) {
		Set<Permission> set = EnumSet.noneOf(Permission.class);
		if (names != null) {
			names.forEach((name) -> set.add(Permission.parse(name)));
		}
		return set;
	}

}
