package dev.gatehouse.project;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.gatehouse.audit.AuditAction;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.identity.Caller;
import dev.gatehouse.identity.Permission;
import dev.gatehouse.identity.User;
import dev.gatehouse.query.CollectionPage;
import dev.gatehouse.query.CollectionParameters;
import dev.gatehouse.system.AccessRefusedException;
import dev.gatehouse.system.ConflictException;
import dev.gatehouse.system.InvalidRequestException;
import dev.gatehouse.system.NotFoundException;
import dev.gatehouse.system.TextRules;
import dev.gatehouse.user.RoleService;
import dev.gatehouse.user.UserService;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Projects and memberships. A member sees the projects they belong to, administrators see
 * all; only administrators create projects and manage members. A project the caller may
 * not see is "not found", exactly like one that does not exist.
 */
@Service
public class ProjectService {

	private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,19}");

	private static final Pattern ID = Pattern.compile("\\d{1,18}");

	private static final int MAX_NAME = 200;

	private final JdbcProjectRepository projects;

	private final UserService users;

	private final RoleService roles;

	private final Clock clock;

	private final AuditLog audit;

	ProjectService(JdbcProjectRepository projects, UserService users, RoleService roles, Clock clock, AuditLog audit) {
		this.projects = projects;
		this.users = users;
		this.roles = roles;
		this.clock = clock;
		this.audit = audit;
	}

	/**
	 * Finds a project the caller may see by its key or its numeric id.
	 * @param caller who asks
	 * @param keyOrId the key, or the id
	 * @return the project
	 * @throws NotFoundException if it does not exist or the caller may not see it
	 */
	public Project get(Caller caller, String keyOrId) {
		return (ID.matcher(keyOrId).matches() ? this.projects.findVisible(caller, Long.parseLong(keyOrId))
				: this.projects.findVisibleByKey(caller, keyOrId))
			.orElseThrow(() -> NotFoundException.of("Project", keyOrId));
	}

	/**
	 * A project the caller administers (its project role has
	 * {@link Permission#ADMINISTER_PROJECT}, or the caller is an administrator).
	 * @param caller who asks
	 * @param keyOrId the key, or the id
	 * @param what what only its administrators do, ending the refusal's message: e.g.
	 * {@code "manage its access tokens"}
	 * @return the project
	 * @throws NotFoundException if the caller may not see it
	 * @throws AccessRefusedException if the caller sees it but does not administer it
	 */
	public Project administered(Caller caller, String keyOrId, String what) {
		Project project = get(caller, keyOrId);
		if (!permissionsIn(caller, project).contains(Permission.ADMINISTER_PROJECT)) {
			throw new AccessRefusedException("Only the administrators of project " + project.key() + " " + what);
		}
		return project;
	}

	public CollectionPage<Project> list(Caller caller, CollectionParameters parameters) {
		return this.projects.findVisible(caller, parameters);
	}

	public Map<Long, List<ProjectMember>> members(List<Project> projects) {
		return this.projects.members(projects.stream().map(Project::id).toList())
			.stream()
			.collect(Collectors.groupingBy(ProjectMember::projectId));
	}

	/**
	 * Who administers a project through a project role (administrators aside), for the
	 * expiry digest; never for answering a caller.
	 * @param projectId the project
	 * @return the users' ids
	 */
	public List<Long> administratorIds(long projectId) {
		return this.projects.administratorIds(projectId);
	}

	public List<ProjectMember> members(Project project) {
		return this.projects.members(List.of(project.id()));
	}

	/**
	 * What the caller may do in a project: everything for administrators; for members the
	 * permissions of their project role (or default role); nothing otherwise.
	 * @param caller who asks
	 * @param project the project
	 * @return the permissions
	 */
	public Set<Permission> permissionsIn(Caller caller, Project project) {
		if (caller.administrator()) {
			return EnumSet.allOf(Permission.class);
		}
		return this.projects.memberPermissions(project.id(), caller.userId());
	}

	/**
	 * Whether the caller's project access is restricted: not an administrator, and not a
	 * member of every project. Such a caller's reports miss the other projects' hours
	 * unless the service account's view completes them (SPEC §6.3).
	 * @param caller who asks
	 * @return whether some project is out of their reach
	 */
	public boolean restricted(Caller caller) {
		return !caller.administrator() && this.projects.missesAnyProject(caller.userId());
	}

	@Transactional
	public Project create(Caller caller, String key, String name) {
		caller.requireAdministrator("create projects");
		if (key == null || name == null) {
			throw new InvalidRequestException("Key and Name are required");
		}
		long id = this.projects.insert(checkKey(key, 0), checkName(name), this.clock.instant());
		this.audit.record(AuditAction.PROJECT_CHANGED, caller, null, null, "project " + key + " created");
		return get(caller, String.valueOf(id));
	}

	@Transactional
	public Project update(Caller caller, String keyOrId, String key, String name) {
		caller.requireAdministrator("change projects");
		Project project = get(caller, keyOrId);
		this.projects.update(project.id(), (key != null) ? checkKey(key, project.id()) : project.key(),
				(name != null) ? checkName(name) : project.name(), this.clock.instant());
		this.audit.record(AuditAction.PROJECT_CHANGED, caller, null, null, "project " + project.key() + " changed");
		return get(caller, String.valueOf(project.id()));
	}

	@Transactional
	public void delete(Caller caller, String keyOrId) {
		caller.requireAdministrator("delete projects");
		Project project = get(caller, keyOrId);
		this.projects.delete(project.id());
		this.audit.record(AuditAction.PROJECT_CHANGED, caller, null, null, "project " + project.key() + " deleted");
	}

	/**
	 * Adds a member, or changes the role of an existing one.
	 * @param caller who asks (an administrator)
	 * @param keyOrId the project
	 * @param userId the user to add
	 * @param roleId the role in the project, or {@code null} for the user's default role
	 * @return the membership
	 */
	@Transactional
	public ProjectMember addMember(Caller caller, String keyOrId, long userId, Long roleId) {
		caller.requireAdministrator("manage project members");
		Project project = get(caller, keyOrId);
		User user = this.users.findById(userId)
			.orElseThrow(() -> new InvalidRequestException("User " + userId + " does not exist"));
		if (user.isSystem()) {
			throw new InvalidRequestException("The System user sees every project and cannot be a member");
		}
		if (roleId != null) {
			this.roles.get(roleId);
		}
		this.audit.record(AuditAction.PROJECT_CHANGED, caller, user.id(), user.login(),
				"project " + project.key() + " member, role " + ((roleId != null) ? "#" + roleId : "default"));
		if (this.projects.isMember(project.id(), userId)) {
			this.projects.changeMemberRole(project.id(), userId, roleId);
		}
		else {
			this.projects.addMember(project.id(), userId, roleId);
		}
		return members(project).stream()
			.filter((member) -> member.userId() == userId)
			.findFirst()
			.orElseThrow(() -> new ConflictException("The membership changed meanwhile; try again"));
	}

	@Transactional
	public void removeMember(Caller caller, String keyOrId, long userId) {
		caller.requireAdministrator("manage project members");
		Project project = get(caller, keyOrId);
		if (this.projects.removeMember(project.id(), userId) == 0) {
			throw new NotFoundException("User " + userId + " is not a member of project " + project.key());
		}
		this.audit.record(AuditAction.PROJECT_CHANGED, caller, userId, null,
				"project " + project.key() + " member removed");
	}

	private String checkKey(String key, long exceptId) {
		if (!KEY.matcher(key).matches()) {
			throw new InvalidRequestException(
					"Key must be 1 to 20 characters, start with a letter, and hold only letters, digits, _ and -");
		}
		if (this.projects.keyTaken(key, exceptId)) {
			throw new ConflictException("Project key '" + key + "' is already taken");
		}
		return key;
	}

	private static String checkName(String name) {
		return TextRules.singleLine("Name", name, MAX_NAME);
	}

}
