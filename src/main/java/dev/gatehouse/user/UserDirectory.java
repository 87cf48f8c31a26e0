package dev.gatehouse.user;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import dev.gatehouse.identity.Permission;
import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.User;
import dev.gatehouse.system.ChangeNotifications.Topic;
import dev.gatehouse.system.ChangeNotifications;
import dev.gatehouse.system.CoherentCache;

import org.springframework.stereotype.Component;

/**
 * The current state of users for every request's decisions (is the owner of this token
 * active, may they use tokens, which login does this session belong to), from memory. An
 * entry is dropped on every node as soon as its user or any role changes, so
 * deactivation, a changed role or a removed permission apply on the next request.
 */
@Component
public class UserDirectory {

	private final CoherentCache<Long, UserAccess> users;

	private final JdbcUserRepository userRepository;

	private final JdbcRoleRepository roleRepository;

	UserDirectory(ChangeNotifications changes, JdbcUserRepository userRepository, JdbcRoleRepository roleRepository) {
		this.userRepository = userRepository;
		this.roleRepository = roleRepository;
		this.users = CoherentCache.on(changes, Topic.USER, 100_000, Duration.ofMinutes(1));
		// A role's name or permissions are part of every user holding it.
		changes.subscribe(Topic.ROLE, this.users::invalidateAll);
	}

	/**
	 * A user that exists (deleted ones do not), active or not.
	 * @param userId the id
	 * @return the user and what their default role allows
	 */
	public Optional<UserAccess> find(long userId) {
		return this.users.get(userId, this::load);
	}

	private Optional<UserAccess> load(long userId) {
		return this.userRepository.findById(userId)
			.map((user) -> new UserAccess(user,
					this.roleRepository.findById(user.roleId()).map(Role::permissions).orElse(Set.of())));
	}

	/**
	 * A user with the permissions of their default role, the only role evaluated for
	 * {@link Permission#ACCESS_TOKENS} (SPEC §1).
	 *
	 * @param user the user
	 * @param defaultRolePermissions what the default role allows
	 */
	public record UserAccess(User user, Set<Permission> defaultRolePermissions) {

		public UserAccess {
			defaultRolePermissions = Set.copyOf(defaultRolePermissions);
		}

		public boolean mayUseAccessTokens() {
			return this.defaultRolePermissions.contains(Permission.ACCESS_TOKENS);
		}

	}

}
