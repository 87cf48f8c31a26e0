package dev.gatehouse.identity;

import java.util.Locale;

import dev.gatehouse.system.InvalidRequestException;

/**
 * What a role allows. Only a user's default role is evaluated for {@link #ACCESS_TOKENS}
 * (SPEC §1, R-DOM-2); project roles decide the rest within a project.
 */
public enum Permission {

	/** Create and use access tokens. */
	ACCESS_TOKENS("Create and use access tokens"),

	/** Create, change and delete user stories of the project. */
	EDIT_USER_STORIES("Create, change and delete user stories"),

	/** Administer the project: its members and its project access tokens. */
	ADMINISTER_PROJECT("Administer the project");

	private final String description;

	Permission(String description) {
		this.description = description;
	}

	public String description() {
		return this.description;
	}

	public static Permission parse(String text) {
		try {
			return valueOf(text.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException(
					"Unknown permission '" + text + "'; known: ACCESS_TOKENS, EDIT_USER_STORIES, ADMINISTER_PROJECT");
		}
	}

}
