package dev.gatehouse.trustedci;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A CI identity a project trusts: tokens of this issuer, for this audience, whose claims
 * all match the rule, may upload snapshots to the project.
 *
 * @param id its id
 * @param projectId the project that trusts it
 * @param projectKey that project's key
 * @param name what its administrators call it
 * @param issuer the tokens' issuer ({@code iss}), exactly
 * @param keysLocation where the issuer publishes its keys ({@code jwks_uri})
 * @param audience a value the tokens' {@code aud} must contain
 * @param claims claim name to the value it must have; {@code *} matches any characters
 * @param createDate when it was added
 * @param lastUsedDate when a token last matched it, or {@code null}
 */
public record TrustedCiIdentity(long id, long projectId, String projectKey, String name, String issuer,
		String keysLocation, String audience, Map<String, String> claims, Instant createDate, Instant lastUsedDate) {

	/**
	 * Whether a token's audience and claims match this identity; its signature, issuer
	 * and expiry are checked before.
	 * @param audiences the token's {@code aud}
	 * @param tokenClaims the token's claims
	 * @return whether they match
	 */
	boolean trusts(Collection<String> audiences, Map<String, Object> tokenClaims) {
		if (audiences == null || !audiences.contains(this.audience)) {
			return false;
		}
		for (Map.Entry<String, String> rule : this.claims.entrySet()) {
			Object value = tokenClaims.get(rule.getKey());
			// Only single values: a list claim could match a rule by any of its elements.
			if (!(value instanceof String || value instanceof Number || value instanceof Boolean)
					|| !matches(rule.getValue(), String.valueOf(value))) {
				return false;
			}
		}
		return !this.claims.isEmpty();
	}

	/**
	 * A value against a rule's pattern, where {@code *} stands for any characters and
	 * everything else for itself.
	 */
	static boolean matches(String pattern, String value) {
		if (pattern.indexOf('*') < 0) {
			return pattern.equals(value);
		}
		StringBuilder regex = new StringBuilder();
		for (String literal : pattern.split("\\*", -1)) {
			if (!regex.isEmpty()) {
				regex.append(".*");
			}
			if (!literal.isEmpty()) {
				regex.append(Pattern.quote(literal));
			}
		}
		return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(value).matches();
	}

	/**
	 * How the audit log and the pages name it.
	 * @return e.g. {@code trusted CI identity 'main branch' (#3) of project APOLLO}
	 */
	public String label() {
		return "trusted CI identity '" + this.name + "' (#" + this.id + ") of project " + this.projectKey;
	}

}
