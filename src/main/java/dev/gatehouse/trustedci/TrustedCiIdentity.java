package dev.gatehouse.trustedci;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;

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

	/** Claims that say which repository or project a job runs for, in the CIs we know. */
	static final Set<String> PINNING_CLAIMS = Set.of("sub", "repository", "repository_id", "repository_owner",
			"repository_owner_id", "project_path", "project_id", "namespace_path", "namespace_id");

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
		// The rules that pin the repository first: most tokens fail there, cheaply.
		for (Map.Entry<String, String> rule : this.claims.entrySet()
			.stream()
			.sorted(Comparator.comparing((Map.Entry<String, String> entry) -> !isPinning(entry.getKey())))
			.toList()) {
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
	 * Whether a claim says which repository or project a job runs for, in the CIs we
	 * know.
	 */
	static boolean isPinning(String claim) {
		return PINNING_CLAIMS.contains(claim);
	}

	/**
	 * Whether a rule pins the repository or project rather than a family of them: no
	 * wildcard in an id or an owner, and in a path or subject none before the owner is
	 * named ({@code acme/*} pins the owner {@code acme}; {@code acme*} would also let
	 * {@code acme-evil} in).
	 * @param claim the claim
	 * @param pattern its rule
	 * @return whether it pins
	 */
	static boolean pins(String claim, String pattern) {
		int star = pattern.indexOf('*');
		if (star < 0) {
			return isPinning(claim);
		}
		String literal = pattern.substring(0, star);
		return switch (claim) {
			case "repository", "project_path", "namespace_path" -> literal.indexOf('/') > 0;
			// repo:acme/… (GitHub), project_path:acme/… (GitLab).
			case "sub" -> {
				int colon = literal.indexOf(':');
				yield colon > 0 && literal.indexOf('/', colon) > colon + 1;
			}
			default -> false;
		};
	}

	/**
	 * A value against a rule's pattern, where {@code *} stands for any characters and
	 * everything else for itself. Greedy with one backtrack point, so its time is bounded
	 * by the product of the two lengths whatever the pattern (a regular expression's
	 * backtracking could be made to take much longer by a value the job chooses).
	 */
	static boolean matches(String pattern, String value) {
		int p = 0;
		int v = 0;
		int star = -1;
		int resume = 0;
		while (v < value.length()) {
			if (p < pattern.length() && pattern.charAt(p) == '*') {
				star = p++;
				resume = v;
			}
			else if (p < pattern.length() && pattern.charAt(p) == value.charAt(v)) {
				p++;
				v++;
			}
			else if (star >= 0) {
				p = star + 1;
				v = ++resume;
			}
			else {
				return false;
			}
		}
		while (p < pattern.length() && pattern.charAt(p) == '*') {
			p++;
		}
		return p == pattern.length();
	}

	/**
	 * How the audit log and the pages name it.
	 * @return e.g. {@code trusted CI identity 'main branch' (#3) of project APOLLO}
	 */
	public String label() {
		return "trusted CI identity '" + this.name + "' (#" + this.id + ") of project " + this.projectKey;
	}

}
