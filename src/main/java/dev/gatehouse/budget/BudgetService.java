package dev.gatehouse.budget;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;

import dev.gatehouse.audit.AuditAction;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.identity.Caller;
import dev.gatehouse.project.Project;
import dev.gatehouse.project.ProjectService;
import dev.gatehouse.query.CollectionPage;
import dev.gatehouse.query.CollectionParameters;
import dev.gatehouse.reporting.ReportingView;
import dev.gatehouse.reporting.ReportingViews;
import dev.gatehouse.system.ConflictException;
import dev.gatehouse.system.InvalidRequestException;
import dev.gatehouse.system.NotFoundException;
import dev.gatehouse.workitem.UserStory;
import dev.gatehouse.workitem.UserStoryMoved;
import dev.gatehouse.workitem.UserStoryService;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Budgets: administrators set hours for a project or a user story; members of the project
 * see them against the hours everyone tracked on it.
 */
@Service
public class BudgetService {

	private static final BigDecimal MAX_HOURS = BigDecimal.valueOf(1_000_000);

	private final JdbcBudgetRepository budgets;

	private final ProjectService projects;

	private final UserStoryService stories;

	private final ReportingViews views;

	private final AuditLog audit;

	private final Clock clock;

	BudgetService(JdbcBudgetRepository budgets, ProjectService projects, UserStoryService stories, ReportingViews views,
			AuditLog audit, Clock clock) {
		this.budgets = budgets;
		this.projects = projects;
		this.stories = stories;
		this.views = views;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * A page of the budgets in the caller's view (SPEC §6.3): with a working service
	 * account, a caller with restricted access sees every project's budgets.
	 */
	public CollectionPage<Budget> list(Caller caller, CollectionParameters parameters) {
		return this.budgets.findVisible(() -> view(caller), parameters);
	}

	public Budget get(Caller caller, long id) {
		return this.budgets.findVisible(view(caller), id).orElseThrow(() -> NotFoundException.of("Budget", id));
	}

	/**
	 * Every budget as the <i>Budgets</i> page shows it: those in the caller's view, then
	 * those outside it, which the page shows as "removed or not available" (SPEC §6.5).
	 * @param caller who reads
	 * @return the overview
	 */
	public Overview overview(Caller caller) {
		ReportingView view = view(caller);
		CollectionParameters all = new CollectionParameters(CollectionParameters.MAX_TAKE, 0, null,
				List.of("Project.Key", "UserStory.Id"), List.of());
		return new Overview(this.budgets.findVisible(() -> view, all).items(),
				view.incomplete() ? this.budgets.findOutside(view) : List.of(), view);
	}

	/**
	 * A story's budget moves with the story, in the same transaction: it belongs to the
	 * story's project, and must not go when the old project is deleted.
	 * @param moved the move
	 */
	@EventListener
	void storyMoved(UserStoryMoved moved) {
		this.budgets.moveStoryBudget(moved.storyId(), moved.toProjectId(), this.clock.instant());
	}

	private ReportingView view(Caller caller) {
		return this.views.open(caller, "budgets");
	}

	/**
	 * Sets a budget on a project, or on one of its stories.
	 * @param caller an administrator
	 * @param projectId the project, or {@code null} to take the story's
	 * @param storyId the story, or {@code null} for the project's own budget
	 * @param hours the hours
	 * @return the budget
	 */
	@Transactional
	public Budget create(Caller caller, Long projectId, Long storyId, BigDecimal hours) {
		caller.requireAdministrator("set budgets");
		if (projectId == null && storyId == null) {
			throw new InvalidRequestException("Project or UserStory is required, e.g. {\"Project\": {\"Id\": 1}}");
		}
		UserStory story = (storyId != null) ? story(caller, storyId) : null;
		long project = (story != null) ? story.projectId() : project(caller, projectId).id();
		if (projectId != null && projectId != project) {
			throw new InvalidRequestException("UserStory " + storyId + " is not in project " + projectId);
		}
		if (this.budgets.exists(project, storyId)) {
			throw new ConflictException("This " + ((storyId != null) ? "user story" : "project")
					+ " already has a budget; change it with POST /api/v1/Budgets/{id}");
		}
		long id = this.budgets.insert(project, storyId, checkHours(hours), this.clock.instant());
		Budget budget = get(caller, id);
		this.audit.record(AuditAction.BUDGET_CHANGED, caller, null, null, describe(budget) + " set");
		return budget;
	}

	@Transactional
	public Budget update(Caller caller, long id, BigDecimal hours) {
		caller.requireAdministrator("change budgets");
		get(caller, id);
		this.budgets.update(id, checkHours(hours), this.clock.instant());
		Budget budget = get(caller, id);
		this.audit.record(AuditAction.BUDGET_CHANGED, caller, null, null, describe(budget) + " changed");
		return budget;
	}

	@Transactional
	public void delete(Caller caller, long id) {
		caller.requireAdministrator("delete budgets");
		Budget budget = get(caller, id);
		this.budgets.delete(id);
		this.audit.record(AuditAction.BUDGET_CHANGED, caller, null, null, describe(budget) + " deleted");
	}

	private Project project(Caller caller, long projectId) {
		try {
			return this.projects.get(caller, String.valueOf(projectId));
		}
		catch (NotFoundException ex) {
			throw new InvalidRequestException("Project " + projectId + " was not found");
		}
	}

	private UserStory story(Caller caller, long storyId) {
		try {
			return this.stories.get(caller, storyId);
		}
		catch (NotFoundException ex) {
			throw new InvalidRequestException("UserStory " + storyId + " was not found");
		}
	}

	private static BigDecimal checkHours(BigDecimal hours) {
		if (hours == null || hours.signum() <= 0 || hours.compareTo(MAX_HOURS) > 0
				|| hours.stripTrailingZeros().scale() > 2) {
			throw new InvalidRequestException("Hours must be more than 0 and at most 1000000, with two decimals");
		}
		return hours.setScale(2);
	}

	private static String describe(Budget budget) {
		return "budget #" + budget.id() + " of project " + budget.projectKey()
				+ ((budget.userStoryId() != null) ? ", user story #" + budget.userStoryId() : "") + ": "
				+ budget.hours().toPlainString() + " h";
	}

	/**
	 * The <i>Budgets</i> page's content.
	 *
	 * @param budgets the budgets in the caller's view
	 * @param unavailable the ids of the others, shown as "removed or not available"
	 * @param view the view they were read with
	 */
	public record Overview(List<Budget> budgets, List<Long> unavailable, ReportingView view) {
	}

}
