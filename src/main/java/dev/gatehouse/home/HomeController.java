package dev.gatehouse.home;

import java.util.List;

import dev.gatehouse.identity.Caller;
import dev.gatehouse.project.ProjectService;
import dev.gatehouse.query.CollectionParameters;
import dev.gatehouse.serviceaccount.ServiceAccountService;
import dev.gatehouse.timetracking.TimerService;
import dev.gatehouse.token.Scope;
import dev.gatehouse.user.UserService;
import dev.gatehouse.web.PageController;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The home page: who you are and the projects you can see; for administrators, a warning
 * when the service account is anything but healthy; a timer the server stopped.
 */
@PageController
class HomeController {

	private final UserService users;

	private final ProjectService projects;

	private final ServiceAccountService serviceAccount;

	private final TimerService timers;

	HomeController(UserService users, ProjectService projects, ServiceAccountService serviceAccount,
			TimerService timers) {
		this.users = users;
		this.projects = projects;
		this.serviceAccount = serviceAccount;
		this.timers = timers;
	}

	@GetMapping("/")
	String home(Caller caller, Model model) {
		model.addAttribute("user", this.users.get(caller.userId()));
		if (caller.isRequester()) {
			// SPEC §2.2: not even the names of their projects.
			model.addAttribute("projects", List.of());
			return "home/home";
		}
		if (caller.mayAdminister()) {
			// Administrators are told when reports are not complete for restricted users.
			model.addAttribute("serviceAccount", this.serviceAccount.status());
			// A service account set before timers existed works for reports, not for
			// them.
			model.addAttribute("timers", this.serviceAccount.actAs(Scope.TIME_WRITE));
		}
		else if (this.projects.restricted(caller) && !this.serviceAccount.status().state().working()) {
			// SPEC §6.5: a restricted user is told why their data may be incomplete.
			model.addAttribute("incompleteAccess", true);
		}
		model.addAttribute("projects", this.projects.list(caller, CollectionParameters.firstPage()).items());
		// A timer the server stopped is told on the next visit, wherever it lands.
		model.addAttribute("timerStop", this.timers.lastServerStop(caller).orElse(null));
		return "home/home";
	}

}
