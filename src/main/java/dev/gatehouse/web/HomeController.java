package dev.gatehouse.web;

import dev.gatehouse.api.CollectionParameters;
import dev.gatehouse.identity.Caller;
import dev.gatehouse.identity.UserService;
import dev.gatehouse.project.ProjectService;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The home page: who you are and the projects you can see.
 */
@PageController
class HomeController {

	private final UserService users;

	private final ProjectService projects;

	HomeController(UserService users, ProjectService projects) {
		this.users = users;
		this.projects = projects;
	}

	@GetMapping("/")
	String home(Caller caller, Model model) {
		model.addAttribute("user", this.users.get(caller.userId()));
		model.addAttribute("projects", this.projects.list(caller, CollectionParameters.firstPage()).items());
		return "web/home";
	}

}
