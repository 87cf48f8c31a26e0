package dev.gatehouse.workitem;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Objects;

import dev.gatehouse.identity.Caller;
import dev.gatehouse.identity.Permission;
import dev.gatehouse.identity.User;
import dev.gatehouse.project.Project;
import dev.gatehouse.project.ProjectService;
import dev.gatehouse.query.CollectionPage;
import dev.gatehouse.query.CollectionParameters;
import dev.gatehouse.system.AccessRefusedException;
import dev.gatehouse.system.ConflictException;
import dev.gatehouse.system.InvalidRequestException;
import dev.gatehouse.system.NotFoundException;
import dev.gatehouse.system.TextRules;
import dev.gatehouse.user.UserService;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * User stories: members read the stories of their projects; members whose project role
 * has {@link Permission#EDIT_USER_STORIES}, and administrators, change them.
 */
@Service
public class UserStoryService {

	private static final int MAX_NAME = 255;

	private static final int MAX_DESCRIPTION = 10_000;

	private static final int MAX_STATE = 50;

	private static final BigDecimal MAX_EFFORT = new BigDecimal("99999999.99");

	private final JdbcUserStoryRepository stories;

	private final ProjectService projects;

	private final UserService users;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	UserStoryService(JdbcUserStoryRepository stories, ProjectService projects, UserService users, Clock clock,
			ApplicationEventPublisher events) {
		this.events = events;
		this.stories = stories;
		this.projects = projects;
		this.users = users;
		this.clock = clock;
	}

	public UserStory get(Caller caller, long id) {
		return this.stories.findVisible(caller, id).orElseThrow(() -> NotFoundException.of("UserStory", id));
	}

	public CollectionPage<UserStory> list(Caller caller, CollectionParameters parameters) {
		return this.stories.findVisible(caller, parameters);
	}

	@Transactional
	public UserStory create(Caller caller, UserStoryChanges changes) {
		if (changes.projectId() == null) {
			throw new InvalidRequestException("Project is required, e.g. {\"Project\": {\"Id\": 1}}");
		}
		if (changes.name() == null) {
			throw new InvalidRequestException("Name is required");
		}
		Project project = editableProject(caller, changes.projectId());
		UserStory draft = new UserStory(0, project.id(), project.name(), name(changes.name()),
				description(changes.description()), state(Objects.requireNonNullElse(changes.state(), "Open")),
				effort(Objects.requireNonNullElse(changes.effort(), BigDecimal.ZERO)), owner(changes.ownerId()), null,
				null, null);
		return get(caller, this.stories.insert(draft, this.clock.instant()));
	}

	@Transactional
	public UserStory update(Caller caller, long id, UserStoryChanges changes) {
		UserStory current = get(caller, id);
		editableProject(caller, current.projectId());
		long projectId = (changes.projectId() != null) ? editableProject(caller, changes.projectId()).id()
				: current.projectId();
		UserStory updated = new UserStory(id, projectId, null,
				(changes.name() != null) ? name(changes.name()) : current.name(),
				(changes.description() != null) ? description(changes.description()) : current.description(),
				(changes.state() != null) ? state(changes.state()) : current.state(),
				(changes.effort() != null) ? effort(changes.effort()) : current.effort(),
				(changes.ownerId() != null) ? owner(changes.ownerId()) : current.ownerId(), null, null, null);
		this.stories.update(updated, this.clock.instant());
		if (projectId != current.projectId()) {
			this.events.publishEvent(new UserStoryMoved(id, current.projectId(), projectId));
		}
		return get(caller, id);
	}

	@Transactional
	public void delete(Caller caller, long id) {
		UserStory story = get(caller, id);
		editableProject(caller, story.projectId());
		// Time and budgets outlive nobody's story: deleting it would silently erase
		// colleagues' hours from every report.
		if (this.stories.hasTimeOrBudget(id)) {
			throw new ConflictException("User story " + id
					+ " has logged time or a budget, so it cannot be deleted; set its State to Done instead");
		}
		this.stories.delete(id);
	}

	/**
	 * The project, if the caller may change its stories. A project the caller cannot see
	 * reads as missing, one they see without the right as forbidden.
	 */
	private Project editableProject(Caller caller, long projectId) {
		Project project;
		try {
			project = this.projects.get(caller, String.valueOf(projectId));
		}
		catch (NotFoundException ex) {
			throw new InvalidRequestException("Project " + projectId + " was not found");
		}
		if (!this.projects.permissionsIn(caller, project).contains(Permission.EDIT_USER_STORIES)) {
			throw new AccessRefusedException(
					"Your role in project " + project.key() + " does not allow editing user stories");
		}
		return project;
	}

	private Long owner(Long ownerId) {
		if (ownerId == null) {
			return null;
		}
		User owner = this.users.findById(ownerId)
			.orElseThrow(() -> new InvalidRequestException("Owner " + ownerId + " was not found"));
		return owner.id();
	}

	private static String name(String name) {
		return TextRules.singleLine("Name", name, MAX_NAME);
	}

	private static String description(String description) {
		return TextRules.multiLine("Description", description, MAX_DESCRIPTION);
	}

	private static String state(String state) {
		return TextRules.singleLine("State", state, MAX_STATE);
	}

	private static BigDecimal effort(BigDecimal effort) {
		if (effort.signum() < 0 || effort.compareTo(MAX_EFFORT) > 0 || effort.scale() > 2) {
			throw new InvalidRequestException(
					"Effort must be between 0 and " + MAX_EFFORT + " with at most two decimals");
		}
		return effort;
	}

}
