package dev.gatehouse.user;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.gatehouse.audit.AuditAction;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.identity.Caller;
import dev.gatehouse.identity.Permission;
import dev.gatehouse.identity.Role;
import dev.gatehouse.query.CollectionPage;
import dev.gatehouse.query.CollectionParameters;
import dev.gatehouse.system.ChangeNotifications.Topic;
import dev.gatehouse.system.ChangeNotifications;
import dev.gatehouse.system.ConflictException;
import dev.gatehouse.system.InvalidRequestException;
import dev.gatehouse.system.NotFoundException;
import dev.gatehouse.system.TextRules;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Roles and their permissions. Anyone may read them; only administrators change them.
 */
@Service
public class RoleService {

	private static final int MAX_NAME = 100;

	private final JdbcRoleRepository roles;

	private final Clock clock;

	private final ChangeNotifications changes;

	private final AuditLog audit;

	RoleService(JdbcRoleRepository roles, Clock clock, ChangeNotifications changes, AuditLog audit) {
		this.roles = roles;
		this.clock = clock;
		this.changes = changes;
		this.audit = audit;
	}

	public Role get(long id) {
		return this.roles.findById(id).orElseThrow(() -> NotFoundException.of("Role", id));
	}

	public List<Role> all() {
		return this.roles.findAll();
	}

	public CollectionPage<Role> list(CollectionParameters parameters) {
		return this.roles.find(parameters);
	}

	@Transactional
	public Role create(Caller caller, String name, Set<Permission> permissions) {
		caller.requireAdministrator("manage roles");
		if (name == null) {
			throw new InvalidRequestException("Name is required");
		}
		String checked = checkName(name, 0);
		Set<Permission> granted = (permissions != null) ? permissions : Set.of();
		long id = this.roles.insert(checked, granted, this.clock.instant());
		this.audit.record(AuditAction.ROLE_CHANGED, caller, null, null,
				"role #" + id + " " + checked + " created " + granted.stream().map(Enum::name).sorted().toList());
		return get(id);
	}

	@Transactional
	public Role update(Caller caller, long id, String name, Set<Permission> permissions) {
		caller.requireAdministrator("manage roles");
		Role current = get(id);
		String checked = (name != null) ? checkName(name, id) : current.name();
		Set<Permission> granted = (permissions != null) ? permissions : current.permissions();
		this.roles.update(id, checked, granted.isEmpty() ? EnumSet.noneOf(Permission.class) : granted,
				this.clock.instant());
		this.changes.publish(Topic.ROLE, id);
		this.audit.record(AuditAction.ROLE_CHANGED, caller, null, null,
				"role #" + id + " " + checked + " " + granted.stream().map(Enum::name).sorted().toList());
		return get(id);
	}

	@Transactional
	public void delete(Caller caller, long id) {
		caller.requireAdministrator("manage roles");
		Role role = get(id);
		if (role.builtIn()) {
			throw new InvalidRequestException("Built-in role '" + role.name() + "' cannot be deleted");
		}
		if (this.roles.inUse(id)) {
			throw new ConflictException(
					"Role '" + role.name() + "' is the default role of some users; change theirs first");
		}
		this.roles.delete(id);
		this.changes.publish(Topic.ROLE, id);
		this.audit.record(AuditAction.ROLE_CHANGED, caller, null, null, "role #" + id + " " + role.name() + " deleted");
	}

	private String checkName(String name, long exceptId) {
		String trimmed = TextRules.singleLine("Name", name, MAX_NAME);
		if (this.roles.nameTaken(trimmed, exceptId)) {
			throw new ConflictException("A role named '" + trimmed + "' already exists");
		}
		return trimmed;
	}

}
