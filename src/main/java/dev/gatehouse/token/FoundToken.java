package dev.gatehouse.token;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

import dev.gatehouse.identity.User;
import dev.gatehouse.token.PersonalAccessToken.TokenUse;

/**
 * What a token value is, for an administrator who found it: the answer to "what is this
 * token?" (issue 16).
 *
 * @param kind personal, project or service
 * @param id the token's id ({@code null} for a service token, which has none)
 * @param name its name
 * @param ownerId its owner ({@code null} for a project token)
 * @param ownerLogin its owner's login
 * @param projectKey its project, for a project token
 * @param scopes what it may do ({@code null}: everything its owner may, or uploads only)
 * @param createDate when it was issued
 * @param expirationDate its last day, or {@code null}
 * @param lastUsed its last use, or {@code null}
 * @param replacedValueRetireDate for a value replaced by a rotation, when it stops or
 * stopped working; {@code null} for a current value
 * @param label how the audit log names it
 */
public record FoundToken(TokenKind kind, Long id, String name, Long ownerId, String ownerLogin, String projectKey,
		Set<Scope> scopes, Instant createDate, LocalDate expirationDate, TokenUse lastUsed,
		Instant replacedValueRetireDate, String label) {

	static FoundToken personal(PresentedValue<PersonalAccessToken> found) {
		PersonalAccessToken token = found.token();
		return new FoundToken(TokenKind.PERSONAL, token.id(), token.name(), token.userId(), token.userLogin(), null,
				token.scopes(), token.createDate(), token.expirationDate(), token.lastUsed(), found.retireDate(),
				token.label());
	}

	static FoundToken project(PresentedValue<ProjectAccessToken> found) {
		ProjectAccessToken token = found.token();
		return new FoundToken(TokenKind.PROJECT, token.id(), token.name(), null, null, token.projectKey(), null,
				token.createDate(), token.expirationDate(),
				(token.lastLoginDate() != null) ? new TokenUse(token.lastLoginDate(), null, null) : null,
				found.retireDate(), token.label());
	}

	static FoundToken service(User owner) {
		return new FoundToken(TokenKind.SERVICE, null, "service token", owner.id(), owner.login(), null, null, null,
				null, null, null, "service token of " + owner.login());
	}

}
