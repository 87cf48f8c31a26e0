package dev.gatehouse.token;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import dev.gatehouse.system.InvalidRequestException;

/**
 * What a personal access token may be used for (SPEC §4.5). A token request's rights are
 * the owner's current rights narrowed to the token's scopes.
 */
public enum Scope {

	/** Read one's own profile ({@code Users/LoggedUser}). */
	PROFILE_READ("profile:read", "Read your profile"),

	/** Read users and roles. */
	IDENTITY_READ("identity:read", "Read users and roles"),

	/** Read projects and work items. */
	WORK_ITEMS_READ("work_items:read", "Read projects and work items"),

	/** Change work items. */
	WORK_ITEMS_WRITE("work_items:write", "Change work items"),

	/** Read time entries. */
	TIME_READ("time:read", "Read time entries"),

	/** Log and change time entries. */
	TIME_WRITE("time:write", "Log and change time entries"),

	/** Read the reporting feed. */
	REPORTING_READ("reporting:read", "Read the reporting feed"),

	/** Administration, within the owner's own rights. */
	ADMIN("admin", "Administration (only if you are an administrator)");

	private final String apiName;

	private final String description;

	Scope(String apiName, String description) {
		this.apiName = apiName;
		this.description = description;
	}

	public String apiName() {
		return this.apiName;
	}

	public String description() {
		return this.description;
	}

	public static Set<Scope> all() {
		return EnumSet.allOf(Scope.class);
	}

	/**
	 * Reads a scope by its API name ({@code work_items:read}).
	 * @param name the name
	 * @return the scope
	 */
	public static Scope parse(String name) {
		for (Scope scope : values()) {
			if (scope.apiName.equals(name.trim().toLowerCase(Locale.ROOT))) {
				return scope;
			}
		}
		throw new InvalidRequestException("Unknown scope '" + name + "'; known scopes: "
				+ EnumSet.allOf(Scope.class).stream().map(Scope::apiName).collect(Collectors.joining(", ")));
	}

	/**
	 * Scopes as stored: API names separated by spaces.
	 */
	static String format(Set<Scope> scopes) {
		return scopes.stream().sorted().map(Scope::apiName).collect(Collectors.joining(" "));
	}

	static Set<Scope> parseStored(String stored) {
		Set<Scope> scopes = EnumSet.noneOf(Scope.class);
		for (String name : stored.split(" ")) {
			for (Scope scope : values()) {
				if (scope.apiName.equals(name)) {
					scopes.add(scope);
				}
			}
		}
		return scopes;
	}

}
