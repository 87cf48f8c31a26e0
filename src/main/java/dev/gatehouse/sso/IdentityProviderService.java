package dev.gatehouse.sso;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.gatehouse.audit.AuditAction;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.identity.Caller;
import dev.gatehouse.oidc.ProviderDiscovery;
import dev.gatehouse.system.ChangeNotifications.Topic;
import dev.gatehouse.system.ChangeNotifications;
import dev.gatehouse.system.InvalidRequestException;
import dev.gatehouse.system.NotFoundException;
import dev.gatehouse.system.TextRules;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Adding and removing the identity providers the organisation signs in with
 * (administrators only). The provider's discovery document is read and checked when it is
 * added; its client secret is stored encrypted and never shown again.
 */
@Service
public class IdentityProviderService {

	private static final Pattern REGISTRATION_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

	private final JdbcIdentityProviderRepository providers;

	private final ProviderDiscovery discovery;

	private final ClientSecrets secrets;

	private final AuditLog audit;

	private final ChangeNotifications changes;

	private final Clock clock;

	IdentityProviderService(JdbcIdentityProviderRepository providers, ProviderDiscovery discovery,
			ClientSecrets secrets, AuditLog audit, ChangeNotifications changes, Clock clock) {
		this.providers = providers;
		this.discovery = discovery;
		this.secrets = secrets;
		this.audit = audit;
		this.changes = changes;
		this.clock = clock;
	}

	/**
	 * Every provider, for the login page (names and sign-in addresses only).
	 * @return the providers
	 */
	public List<IdentityProvider> all() {
		return this.providers.findAll();
	}

	public List<IdentityProvider> list(Caller caller) {
		caller.requireAdministrator("read the single sign-on settings");
		return this.providers.findAll();
	}

	@Transactional
	public IdentityProvider add(Caller caller, NewIdentityProvider request) {
		caller.requireAdministrator("manage single sign-on");
		// A provider the caller controls could sign in as anyone: a token must not add
		// one.
		caller.requireInteractive("add an identity provider");
		String displayName = required("DisplayName", request.displayName(), 100);
		String issuer = ProviderDiscovery.checkedIssuer(required("Issuer", request.issuer(), 500));
		String clientId = required("ClientId", request.clientId(), 500);
		String clientSecret = required("ClientSecret", request.clientSecret(), 1000);
		String registrationId = registrationId(request.registrationId(), displayName);
		ProviderDiscovery.Discovered discovered = this.discovery.discover(issuer);
		IdentityProvider draft = new IdentityProvider(0, registrationId, displayName, issuer, clientId,
				this.secrets.encrypt(clientSecret), discovered.document(),
				Boolean.TRUE.equals(request.linkByVerifiedEmail()), !Boolean.FALSE.equals(request.provisionUsers()),
				this.clock.instant());
		long id = this.providers.insert(draft, this.clock.instant());
		this.audit.record(AuditAction.IDENTITY_PROVIDER_CHANGED, caller, null, null,
				"added '" + displayName + "' (" + issuer + ")");
		this.changes.publish(Topic.IDENTITY_PROVIDER, id);
		return this.providers.findById(id).orElseThrow();
	}

	@Transactional
	public void remove(Caller caller, long id) {
		caller.requireAdministrator("manage single sign-on");
		IdentityProvider provider = this.providers.findById(id)
			.orElseThrow(() -> NotFoundException.of("IdentityProvider", id));
		this.providers.delete(id);
		this.audit.record(AuditAction.IDENTITY_PROVIDER_CHANGED, caller, null, null,
				"removed '" + provider.displayName() + "' (" + provider.issuer() + ")");
		this.changes.publish(Topic.IDENTITY_PROVIDER, id);
	}

	private static String required(String field, String value, int max) {
		String line = TextRules.optionalSingleLine(field, value, max);
		if (line == null || line.isBlank()) {
			throw new InvalidRequestException(field + " is required");
		}
		return line.strip();
	}

	private String registrationId(String requested, String displayName) {
		if (requested != null) {
			if (!REGISTRATION_ID.matcher(requested).matches()) {
				throw new InvalidRequestException(
						"RegistrationId must be 1 to 40 lower-case letters, digits and hyphens");
			}
			if (this.providers.registrationIdTaken(requested)) {
				throw new InvalidRequestException("RegistrationId '" + requested + "' is taken");
			}
			return requested;
		}
		String base = displayName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
		base = base.isEmpty() ? "provider" : base.substring(0, Math.min(base.length(), 30));
		String candidate = base;
		for (int n = 2; this.providers.registrationIdTaken(candidate); n++) {
			candidate = base + "-" + n;
		}
		return candidate;
	}

	/**
	 * What an administrator gives to add a provider.
	 *
	 * @param displayName shown on the login page
	 * @param issuer the issuer URL
	 * @param clientId Gatehouse's client id
	 * @param clientSecret Gatehouse's client secret, shown never again
	 * @param registrationId the address segment, or {@code null} to derive it from the
	 * name
	 * @param linkByVerifiedEmail may a first sign-in link an existing user by verified
	 * email (default no)
	 * @param provisionUsers may a first sign-in create a user (default yes)
	 */
	public record NewIdentityProvider(String displayName, String issuer, String clientId, String clientSecret,
			String registrationId, Boolean linkByVerifiedEmail, Boolean provisionUsers) {

		@Override
		public String toString() {
			return "NewIdentityProvider[" + this.displayName + ", " + this.issuer + "]";
		}

	}

}
