package dev.gatehouse.project;

import java.util.List;

import dev.gatehouse.identity.Caller;
import dev.gatehouse.query.CollectionParameters;
import dev.gatehouse.user.RoleService;
import dev.gatehouse.user.UserService;
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
 * <i>Administration → Projects</i>: projects and, for each, its members and their roles.
 */
@PageController
@RequestMapping("/admin/projects")
class ProjectAdministrationController {

	private final ProjectService projects;

	private final UserService users;

	private final RoleService roles;

	ProjectAdministrationController(ProjectService projects, UserService users, RoleService roles) {
		this.projects = projects;
		this.users = users;
		this.roles = roles;
	}

	@GetMapping
	String list(Caller caller, Model model) {
		model
			.addAttribute("projects",
					this.projects
						.list(caller,
								new CollectionParameters(CollectionParameters.MAX_TAKE, 0, null, List.of("Key"),
										List.of()))
						.items());
		return "project/projects";
	}

	@GetMapping("/{key}")
	String project(Caller caller, @PathVariable String key, Model model) {
		Project project = this.projects.get(caller, key);
		model.addAttribute("project", project);
		model.addAttribute("members", this.projects.members(project));
		model.addAttribute("users",
				this.users
					.list(caller,
							new CollectionParameters(CollectionParameters.MAX_TAKE, 0,
									"(IsActive eq true) and (Kind eq 'User')", List.of("Login"), List.of()))
					.items()
					.stream()
					.filter((user) -> !user.isSystem())
					.toList());
		model.addAttribute("roles", this.roles.all());
		return "project/project";
	}

	@PostMapping
	String create(Caller caller, @RequestParam String key, @RequestParam String name, RedirectAttributes flash) {
		PageForms.attempt(flash, "Created project " + key, () -> this.projects.create(caller, key, name));
		return "redirect:/admin/projects";
	}

	@PostMapping("/{key}/members")
	String addMember(Caller caller, @PathVariable String key, @RequestParam long userId,
			@RequestParam(required = false) Long roleId, RedirectAttributes flash) {
		PageForms.attempt(flash, "Saved the membership", () -> this.projects.addMember(caller, key, userId, roleId));
		return "redirect:/admin/projects/" + key;
	}

	@PostMapping("/{key}/members/{userId}/delete")
	String removeMember(Caller caller, @PathVariable String key, @PathVariable long userId, RedirectAttributes flash) {
		PageForms.attempt(flash, "Removed the member", () -> this.projects.removeMember(caller, key, userId));
		return "redirect:/admin/projects/" + key;
	}

	@PostMapping("/{key}/delete")
	String delete(Caller caller, @PathVariable String key, RedirectAttributes flash) {
		PageForms.attempt(flash, "Deleted project " + key, () -> this.projects.delete(caller, key));
		return "redirect:/admin/projects";
	}

}
