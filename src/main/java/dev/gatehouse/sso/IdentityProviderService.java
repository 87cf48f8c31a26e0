package dev.gatehouse.sso;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Adding and removing the identity providers the organisation signs in with
 * (administrators only). The provider's discovery document is read and checked when it is
 * added; its client secret is stored encrypted and never shown again.
 */
@Service
public class IdentityProviderService {

	private static final Pattern REGISTRATION_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

	private static final Pattern CLAIM_NAME = Pattern.compile("[A-Za-z0-9_.:/-]{1,100}");

	private static final int MAX_ROLE_VALUES = 20;

	/** The audit log's actor for changes made by {@code GATEHOUSE_SSO_PROVIDERS}. */
	private static final String CONFIGURATION = "configuration GATEHOUSE_SSO_PROVIDERS";

	private static final Logger logger = LoggerFactory.getLogger(IdentityProviderService.class);

	private final JdbcIdentityProviderRepository providers;

	private final ProviderDiscovery discovery;

	private final ClientSecrets secrets;

	private final AuditLog audit;

	private final ChangeNotifications changes;

	private final Clock clock;

	private final TransactionTemplate transaction;

	IdentityProviderService(JdbcIdentityProviderRepository providers, ProviderDiscovery discovery,
			ClientSecrets secrets, AuditLog audit, ChangeNotifications changes, Clock clock,
			TransactionTemplate transaction) {
		this.transaction = transaction;
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
		Declared declared = declared(request);
		String registrationId = registrationId(request.registrationId(), declared.displayName());
		ProviderDiscovery.Discovered discovered = this.discovery.discover(declared.issuer());
		long id = this.providers.insert(declared.provider(0, registrationId, this.secrets.encrypt(declared.secret()),
				discovered.document(), false, this.clock.instant()), this.clock.instant());
		this.audit.record(AuditAction.IDENTITY_PROVIDER_CHANGED, caller, null, null,
				"added '" + declared.displayName() + "' (" + declared.issuer() + ")");
		this.changes.publish(Topic.IDENTITY_PROVIDER, id);
		return this.providers.findById(id).orElseThrow();
	}

	@Transactional
	public void remove(Caller caller, long id) {
		caller.requireAdministrator("manage single sign-on");
		IdentityProvider provider = this.providers.findById(id)
			.orElseThrow(() -> NotFoundException.of("IdentityProvider", id));
		if (provider.configured()) {
			throw new InvalidRequestException("'" + provider.displayName()
					+ "' is declared in GATEHOUSE_SSO_PROVIDERS; remove it there and restart Gatehouse");
		}
		this.providers.delete(id);
		this.audit.record(AuditAction.IDENTITY_PROVIDER_CHANGED, caller, null, null,
				"removed '" + provider.displayName() + "' (" + provider.issuer() + ")");
		this.changes.publish(Topic.IDENTITY_PROVIDER, id);
	}

	/**
	 * Makes the stored providers what {@code GATEHOUSE_SSO_PROVIDERS} declares
	 * (configuration as code): declared providers are added or brought up to date (by
	 * registration id, which is required there), and providers it declared before but no
	 * longer does are removed. Providers added on the pages are left alone. A provider
	 * whose discovery document cannot be read now keeps what is stored, so that an
	 * identity provider's outage does not stop Gatehouse from starting.
	 * @param declaredProviders the providers, in the API's fields
	 * @throws InvalidRequestException if a declaration is invalid (the start then fails)
	 */
	public void applyConfiguration(List<NewIdentityProvider> declaredProviders) {
		Set<String> declaredIds = new HashSet<>();
		List<Runnable> pending = new ArrayList<>();
		for (NewIdentityProvider request : declaredProviders) {
			Declared declared = declared(request);
			String registrationId = request.registrationId();
			if (registrationId == null || !REGISTRATION_ID.matcher(registrationId).matches()) {
				throw new InvalidRequestException("'" + declared.displayName()
						+ "' needs a RegistrationId: 1 to 40 lower-case letters, digits and hyphens");
			}
			if (!declaredIds.add(registrationId)) {
				throw new InvalidRequestException("RegistrationId '" + registrationId + "' is declared twice");
			}
			if (this.providers.findByRegistrationId(registrationId)
				.filter((stored) -> !stored.configured())
				.isPresent()) {
				throw new InvalidRequestException("RegistrationId '" + registrationId + "' is a provider added on the"
						+ " page; remove it there first, or declare another RegistrationId");
			}
			pending.add(() -> configure(registrationId, declared));
		}
		// Everything is valid: only now change anything.
		pending.forEach(Runnable::run);
		for (IdentityProvider stored : this.providers.findAll()) {
			if (stored.configured() && !declaredIds.contains(stored.registrationId())) {
				this.transaction.executeWithoutResult((status) -> {
					this.providers.delete(stored.id());
					this.audit.recordTechnical(AuditAction.IDENTITY_PROVIDER_CHANGED, CONFIGURATION,
							"removed '" + stored.displayName() + "' (" + stored.issuer() + ")");
					this.changes.publish(Topic.IDENTITY_PROVIDER, stored.id());
				});
			}
		}
	}

	private void configure(String registrationId, Declared declared) {
		Optional<IdentityProvider> stored = this.providers.findByRegistrationId(registrationId);
		ProviderDiscovery.Discovered discovered;
		try {
			discovered = this.discovery.discover(declared.issuer());
		}
		catch (InvalidRequestException ex) {
			logger.error("GATEHOUSE_SSO_PROVIDERS: '{}' is {}: {}", registrationId,
					stored.isPresent() ? "kept as stored" : "not added", ex.getMessage());
			return;
		}
		if (stored.isPresent() && sameAs(stored.get(), declared, discovered.document())) {
			return;
		}
		Instant now = this.clock.instant();
		IdentityProvider provider = declared.provider(stored.map(IdentityProvider::id).orElse(0L), registrationId,
				this.secrets.encrypt(declared.secret()), discovered.document(), true,
				stored.map(IdentityProvider::createDate).orElse(now));
		try {
			save(stored.isPresent(), provider, declared, now);
		}
		catch (DuplicateKeyException ex) {
			// Another node starting at the same time added it first.
			logger.info("GATEHOUSE_SSO_PROVIDERS: '{}' was added by another node", registrationId);
			return;
		}
		logger.info("GATEHOUSE_SSO_PROVIDERS: '{}' {}", registrationId, stored.isPresent() ? "updated" : "added");
	}

	private void save(boolean update, IdentityProvider provider, Declared declared, Instant now) {
		this.transaction.executeWithoutResult((status) -> {
			long id;
			if (update) {
				this.providers.update(provider, now);
				id = provider.id();
			}
			else {
				id = this.providers.insert(provider, now);
			}
			this.audit.recordTechnical(AuditAction.IDENTITY_PROVIDER_CHANGED, CONFIGURATION,
					(update ? "changed '" : "added '") + declared.displayName() + "' (" + declared.issuer() + ")");
			this.changes.publish(Topic.IDENTITY_PROVIDER, id);
		});
	}

	private boolean sameAs(IdentityProvider stored, Declared declared, String metadata) {
		return stored.configured() && stored.displayName().equals(declared.displayName())
				&& stored.issuer().equals(declared.issuer()) && stored.clientId().equals(declared.clientId())
				&& stored.metadata().equals(metadata) && stored.linkByVerifiedEmail() == declared.linkByVerifiedEmail()
				&& stored.provisionUsers() == declared.provisionUsers()
				&& Objects.equals(stored.roleMapping(), declared.roleMapping())
				&& MessageDigest.isEqual(
						this.secrets.decrypt(stored.encryptedClientSecret()).getBytes(StandardCharsets.UTF_8),
						declared.secret().getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A provider's fields, checked, before its discovery document is read.
	 */
	private Declared declared(NewIdentityProvider request) {
		return new Declared(required("DisplayName", request.displayName(), 100),
				this.discovery.checkedIssuer(required("Issuer", request.issuer(), 500)),
				required("ClientId", request.clientId(), 500), required("ClientSecret", request.clientSecret(), 1000),
				Boolean.TRUE.equals(request.linkByVerifiedEmail()), !Boolean.FALSE.equals(request.provisionUsers()),
				roleMapping(request));
	}

	private record Declared(String displayName, String issuer, String clientId, String secret,
			boolean linkByVerifiedEmail, boolean provisionUsers, RoleMapping roleMapping) {

		IdentityProvider provider(long id, String registrationId, String encryptedSecret, String metadata,
				boolean configured, Instant createDate) {
			return new IdentityProvider(id, registrationId, this.displayName, this.issuer, this.clientId,
					encryptedSecret, metadata, this.linkByVerifiedEmail, this.provisionUsers, this.roleMapping,
					configured, createDate);
		}

		@Override
		public String toString() {
			// Never the secret.
			return "Declared[" + this.displayName + ", " + this.issuer + "]";
		}

	}

	private static String required(String field, String value, int max) {
		String line = TextRules.optionalSingleLine(field, value, max);
		if (line == null || line.isBlank()) {
			throw new InvalidRequestException(field + " is required");
		}
		return line.strip();
	}

	/**
	 * The role mapping asked for: a claim name and at least one value, each value on one
	 * line, no value both an administrator's and a requester's.
	 */
	private static RoleMapping roleMapping(NewIdentityProvider request) {
		String claim = TextRules.optionalSingleLine("RoleClaim", request.roleClaim(), 100);
		List<String> administrators = values("AdministratorValues", request.administratorValues());
		List<String> requesters = values("RequesterValues", request.requesterValues());
		if (claim == null || claim.isBlank()) {
			if (!administrators.isEmpty() || !requesters.isEmpty()) {
				throw new InvalidRequestException("RoleClaim is required with AdministratorValues or RequesterValues");
			}
			return null;
		}
		if (!CLAIM_NAME.matcher(claim.strip()).matches()) {
			throw new InvalidRequestException("RoleClaim must be a claim name, e.g. groups or roles");
		}
		if (administrators.isEmpty() && requesters.isEmpty()) {
			throw new InvalidRequestException("A RoleClaim needs AdministratorValues or RequesterValues");
		}
		if (administrators.stream().anyMatch(requesters::contains)) {
			throw new InvalidRequestException("A value cannot make both an administrator and a requester");
		}
		return new RoleMapping(claim.strip(), administrators, requesters);
	}

	private static List<String> values(String field, List<String> values) {
		if (values == null) {
			return List.of();
		}
		if (values.size() > MAX_ROLE_VALUES) {
			throw new InvalidRequestException(field + " takes at most " + MAX_ROLE_VALUES + " values");
		}
		return values.stream().map((value) -> TextRules.singleLine(field + " value", value, 200)).distinct().toList();
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
	 * @param roleClaim the claim whose values decide administrators and requesters, or
	 * {@code null} for no mapping
	 * @param administratorValues values of that claim that make an administrator
	 * @param requesterValues values of that claim that make a requester
	 */
	public record NewIdentityProvider(String displayName, String issuer, String clientId, String clientSecret,
			String registrationId, Boolean linkByVerifiedEmail, Boolean provisionUsers, String roleClaim,
			List<String> administratorValues, List<String> requesterValues) {

		/**
		 * A provider without a role mapping.
		 */
		public NewIdentityProvider(String displayName, String issuer, String clientId, String clientSecret,
				String registrationId, Boolean linkByVerifiedEmail, Boolean provisionUsers) {
			this(displayName, issuer, clientId, clientSecret, registrationId, linkByVerifiedEmail, provisionUsers, null,
					null, null);
		}

		@Override
		public String toString() {
			return "NewIdentityProvider[" + this.displayName + ", " + this.issuer + "]";
		}

	}

}
