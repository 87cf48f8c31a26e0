package dev.gatehouse.trustedci;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.gatehouse.audit.AuditAction;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.identity.Caller;
import dev.gatehouse.oidc.ProviderDiscovery;
import dev.gatehouse.project.Project;
import dev.gatehouse.project.ProjectService;
import dev.gatehouse.system.ChangeNotifications.Topic;
import dev.gatehouse.system.ChangeNotifications;
import dev.gatehouse.system.InvalidRequestException;
import dev.gatehouse.system.NotFoundException;
import dev.gatehouse.system.TextRules;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A project's trusted CI identities, managed by its administrators (and administrators).
 * Adding one reads the issuer's discovery document for its keys' address. A rule must pin
 * the repository (or project) the jobs run for: an issuer such as GitHub's signs the
 * tokens of every repository in the world, so a rule on the audience alone would trust
 * them all.
 */
@Service
public class TrustedCiIdentityService {

	/** The most identities one project keeps. */
	static final int MAX_PER_PROJECT = 20;

	static final int MAX_CLAIMS = 10;

	/**
	 * 10 rules of a 100-character claim and a 250-character value fit their column,
	 * escaped.
	 */
	private static final int MAX_VALUE = 250;

	private static final Pattern CLAIM_NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");

	/** The most wildcards one rule has: more would only make it vaguer. */
	private static final int MAX_WILDCARDS = 5;

	/** Checked for every token anyway; a rule on them would only confuse. */
	private static final Set<String> RESERVED_CLAIMS = Set.of("iss", "aud", "exp", "nbf", "iat", "jti");

	private final JdbcTrustedCiIdentityRepository identities;

	private final ProjectService projects;

	private final ProviderDiscovery discovery;

	private final AuditLog audit;

	private final ChangeNotifications changes;

	private final Clock clock;

	TrustedCiIdentityService(JdbcTrustedCiIdentityRepository identities, ProjectService projects,
			ProviderDiscovery discovery, AuditLog audit, ChangeNotifications changes, Clock clock) {
		this.identities = identities;
		this.projects = projects;
		this.discovery = discovery;
		this.audit = audit;
		this.changes = changes;
		this.clock = clock;
	}

	/**
	 * The identities a project trusts.
	 * @param caller an administrator of the project
	 * @param keyOrId the project
	 * @return its identities, by name
	 */
	public List<TrustedCiIdentity> list(Caller caller, String keyOrId) {
		return this.identities.findByProject(administeredProject(caller, keyOrId).id());
	}

	/**
	 * Trusts a CI identity for a project.
	 * @param caller an administrator of the project, in person
	 * @param keyOrId the project
	 * @param request what to trust
	 * @return the identity
	 */
	@Transactional
	public TrustedCiIdentity add(Caller caller, String keyOrId, NewTrustedCiIdentity request) {
		Project project = administeredProject(caller, keyOrId);
		// A way to upload without any token left behind: a token must not create one.
		caller.requireInteractive("add a trusted CI identity");
		String name = TextRules.singleLine("Name", request.name(), 100);
		String issuer = this.discovery.checkedIssuer(TextRules.singleLine("Issuer", request.issuer(), 500));
		String audience = TextRules.singleLine("Audience", request.audience(), 500);
		Map<String, String> claims = claims(request.claims());
		if (this.identities.findByProject(project.id()).size() >= MAX_PER_PROJECT) {
			throw new InvalidRequestException("Project " + project.key() + " already trusts " + MAX_PER_PROJECT
					+ " CI identities; remove one first");
		}
		String keysLocation = this.discovery.keysLocation(issuer);
		long id = this.identities.insert(project.id(), name, issuer, keysLocation, audience, claims, caller.userId(),
				this.clock.instant());
		TrustedCiIdentity identity = this.identities.findById(project.id(), id).orElseThrow();
		this.audit.record(AuditAction.TRUSTED_CI_IDENTITY_CHANGED, caller, null, null,
				"added " + identity.label() + ": " + issuer + ", audience " + audience + ", claims " + claims);
		this.changes.publish(Topic.TRUSTED_CI_IDENTITY, ChangeNotifications.EVERYTHING);
		return identity;
	}

	/**
	 * Stops trusting an identity; its jobs' tokens are refused on the next request, on
	 * every node.
	 * @param caller an administrator of the project
	 * @param keyOrId the project
	 * @param id the identity
	 * @return the removed identity
	 */
	@Transactional
	public TrustedCiIdentity remove(Caller caller, String keyOrId, long id) {
		Project project = administeredProject(caller, keyOrId);
		TrustedCiIdentity identity = this.identities.findById(project.id(), id)
			.orElseThrow(() -> NotFoundException.of("TrustedCiIdentity", id));
		this.identities.delete(project.id(), id);
		this.audit.record(AuditAction.TRUSTED_CI_IDENTITY_CHANGED, caller, null, null, "removed " + identity.label());
		this.changes.publish(Topic.TRUSTED_CI_IDENTITY, ChangeNotifications.EVERYTHING);
		return identity;
	}

	private Project administeredProject(Caller caller, String keyOrId) {
		return this.projects.administered(caller, keyOrId, "manage its trusted CI identities");
	}

	/**
	 * Claim rules as written on the page, one {@code claim=value} per line.
	 * @param text the lines
	 * @return the rules, in order
	 * @throws InvalidRequestException for a line without {@code =}
	 */
	public static Map<String, String> claimsFromLines(String text) {
		Map<String, String> claims = new LinkedHashMap<>();
		if (text == null) {
			return claims;
		}
		for (String line : text.split("\\R")) {
			if (line.isBlank()) {
				continue;
			}
			int equals = line.indexOf('=');
			if (equals <= 0) {
				throw new InvalidRequestException(
						"Write each claim rule as claim=value on its own line, e.g. repository=acme/shop");
			}
			String name = line.substring(0, equals).strip();
			if (claims.put(name, line.substring(equals + 1).strip()) != null) {
				throw new InvalidRequestException("The claim '" + name + "' has two rules");
			}
		}
		return claims;
	}

	private static Map<String, String> claims(Map<String, String> requested) {
		if (requested == null || requested.isEmpty()) {
			throw new InvalidRequestException("Claims are required: at least the repository or project the jobs run"
					+ " for, e.g. repository=acme/shop (GitHub) or project_path=acme/shop (GitLab)");
		}
		if (requested.size() > MAX_CLAIMS) {
			throw new InvalidRequestException("At most " + MAX_CLAIMS + " claim rules");
		}
		Map<String, String> claims = new LinkedHashMap<>();
		boolean pinned = false;
		for (Map.Entry<String, String> rule : requested.entrySet()) {
			String name = rule.getKey();
			if (name == null || !CLAIM_NAME.matcher(name).matches() || RESERVED_CLAIMS.contains(name)) {
				throw new InvalidRequestException(
						"'" + name + "' is no claim a rule can name: 1 to 100 letters, digits,"
								+ " '_', '.', ':' or '-', and not iss, aud, exp, nbf, iat or jti (always checked)");
			}
			String value = TextRules.singleLine("The rule for " + name, rule.getValue(), MAX_VALUE);
			if (value.isBlank() || value.chars().allMatch((c) -> c == '*')) {
				throw new InvalidRequestException("The rule for " + name + " must name a value; '*' alone matches any");
			}
			if (value.chars().filter((c) -> c == '*').count() > MAX_WILDCARDS) {
				throw new InvalidRequestException("The rule for " + name + " has more than " + MAX_WILDCARDS + " '*'");
			}
			pinned |= TrustedCiIdentity.pins(name, value);
			claims.put(name, value);
		}
		if (!pinned) {
			throw new InvalidRequestException("The rules must pin the repository or project the jobs run for with one"
					+ " of " + String.join(", ", TrustedCiIdentity.PINNING_CLAIMS.stream().sorted().toList())
					+ ": no '*' in an id or owner, and none before the owner's '/' in a path or subject (acme/*, not"
					+ " acme*). The issuer signs the tokens of every repository it serves.");
		}
		return claims;
	}

	/**
	 * What a project administrator gives to trust a CI identity.
	 *
	 * @param name what to call it
	 * @param issuer the tokens' issuer, e.g.
	 * {@code https://token.actions.githubusercontent.com}
	 * @param audience the audience the job asks its token for
	 * @param claims claim name to the value it must have
	 */
	public record NewTrustedCiIdentity(String name, String issuer, String audience, Map<String, String> claims) {
	}

}
