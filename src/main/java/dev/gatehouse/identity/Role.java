package dev.gatehouse.identity;

import java.time.Instant;
import java.util.Set;

/**
 * A named set of permissions.
 *
 * @param id the id
 * @param name the name, unique regardless of case
 * @param builtIn whether Gatehouse created it (built-in roles cannot be deleted)
 * @param permissions what it allows
 * @param createDate when it was created
 * @param modifyDate when it last changed
 */
public record Role(long id, String name, boolean builtIn, Set<Permission> permissions, Instant createDate,
		Instant modifyDate) {

	public Role {
		permissions = Set.copyOf(permissions);
	}

	public boolean allows(Permission permission) {
		return this.permissions.contains(permission);
	}

}
