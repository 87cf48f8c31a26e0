package dev.gatehouse.budget;

import java.math.BigDecimal;
import java.util.List;

import dev.gatehouse.identity.Caller;
import dev.gatehouse.project.ProjectService;
import dev.gatehouse.query.CollectionParameters;
import dev.gatehouse.web.PageController;
import dev.gatehouse.web.PageForms;
import dev.gatehouse.workitem.UserStoryService;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * <i>Budgets</i>: each budget of the projects one sees against the hours tracked on it;
 * administrators set and delete budgets here.
 */
@PageController
@RequestMapping("/budgets")
class BudgetsPageController {

	private final BudgetService budgets;

	private final ProjectService projects;

	private final UserStoryService stories;

	BudgetsPageController(BudgetService budgets, ProjectService projects, UserStoryService stories) {
		this.budgets = budgets;
		this.projects = projects;
		this.stories = stories;
	}

	@GetMapping
	String page(Caller caller, Model model) {
		BudgetService.Overview overview = this.budgets.overview(caller);
		model.addAttribute("budgets", overview.budgets());
		model.addAttribute("unavailable", overview.unavailable());
		model.addAttribute("view", overview.view());
		if (caller.mayAdminister()) {
			CollectionParameters all = new CollectionParameters(CollectionParameters.MAX_TAKE, 0, null, List.of("Name"),
					List.of());
			model.addAttribute("projects", this.projects.list(caller, all).items());
			model.addAttribute("stories", this.stories.list(caller, all).items());
		}
		return "budget/budgets";
	}

	@PostMapping
	String create(Caller caller, @RequestParam(required = false) Long projectId,
			@RequestParam(required = false) Long userStoryId, @RequestParam(required = false) BigDecimal hours,
			RedirectAttributes flash) {
		PageForms.attempt(flash, "Saved the budget",
				() -> this.budgets.create(caller, (userStoryId != null) ? null : projectId, userStoryId, hours));
		return "redirect:/budgets";
	}

	@PostMapping("/{id}/delete")
	String delete(Caller caller, @PathVariable long id, RedirectAttributes flash) {
		PageForms.attempt(flash, "Deleted the budget", () -> this.budgets.delete(caller, id));
		return "redirect:/budgets";
	}

}
