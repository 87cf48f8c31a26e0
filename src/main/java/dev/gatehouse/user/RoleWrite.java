package dev.gatehouse.user;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gatehouse.identity.Permission;

/**
 * The body of {@code POST /api/v1/Roles} and {@code POST /api/v1/Roles/{id}}. In XML the
 * permissions are
 * {@code <Permissions><Permission>ACCESS_TOKENS</Permission></Permissions>} (the item
 * element's name is not checked).
 */
record RoleWrite(@JsonProperty("Name") String name, @JsonProperty("Permissions") List<String> permissions) {

	Set<Permission> permissionSet() {
		if (this.permissions == null) {
			return null;
		}
		Set<Permission> set = EnumSet.noneOf(Permission.class);
		this.permissions.forEach((name) -> set.add(Permission.parse(String.valueOf(name))));
		return set;
	}

}
