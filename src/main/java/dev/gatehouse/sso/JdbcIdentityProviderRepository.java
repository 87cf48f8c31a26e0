package dev.gatehouse.sso;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The identity providers and the provider identities linked to users.
 */
@Repository
class JdbcIdentityProviderRepository {

	private static final String SELECT_PROVIDER = """
			select id, registration_id, display_name, issuer, client_id, client_secret_encrypted, metadata,
			       link_by_verified_email, provision_users, role_claim, administrator_values, requester_values,
			       configured, create_date
			from identity_providers
			""";

	private static final RowMapper<IdentityProvider> PROVIDER_MAPPER = (rs, row) -> new IdentityProvider(
			rs.getLong("id"), rs.getString("registration_id"), rs.getString("display_name"), rs.getString("issuer"),
			rs.getString("client_id"), rs.getString("client_secret_encrypted"), rs.getString("metadata"),
			rs.getBoolean("link_by_verified_email"), rs.getBoolean("provision_users"),
			(rs.getString("role_claim") != null) ? new RoleMapping(rs.getString("role_claim"),
					lines(rs.getString("administrator_values")), lines(rs.getString("requester_values"))) : null,
			rs.getBoolean("configured"), rs.getObject("create_date", java.time.OffsetDateTime.class).toInstant());

	private final JdbcClient jdbc;

	JdbcIdentityProviderRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<IdentityProvider> findAll() {
		return this.jdbc.sql(SELECT_PROVIDER + " order by display_name, id").query(PROVIDER_MAPPER).list();
	}

	Optional<IdentityProvider> findByRegistrationId(String registrationId) {
		return this.jdbc.sql(SELECT_PROVIDER + " where registration_id = :registrationId")
			.param("registrationId", registrationId)
			.query(PROVIDER_MAPPER)
			.optional();
	}

	Optional<IdentityProvider> findById(long id) {
		return this.jdbc.sql(SELECT_PROVIDER + " where id = :id").param("id", id).query(PROVIDER_MAPPER).optional();
	}

	boolean registrationIdTaken(String registrationId) {
		return this.jdbc.sql("select count(*) from identity_providers where registration_id = :registrationId")
			.param("registrationId", registrationId)
			.query(Long.class)
			.single() > 0;
	}

	long insert(IdentityProvider provider, Instant now) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into identity_providers (registration_id, display_name, issuer, client_id,
				    client_secret_encrypted, metadata, link_by_verified_email, provision_users, role_claim,
				    administrator_values, requester_values, configured, create_date, modify_date)
				values (:registrationId, :displayName, :issuer, :clientId, :secret, :metadata, :linkByVerifiedEmail,
				    :provisionUsers, :roleClaim, :administratorValues, :requesterValues, :configured, :now, :now)
				""")
			.params(fields(provider, now))
			.param("registrationId", provider.registrationId())
			.update(keys, "id");
		return keys.getKeyAs(Long.class);
	}

	/**
	 * Replaces everything of a provider but its id, registration id and creation date.
	 */
	void update(IdentityProvider provider, Instant now) {
		this.jdbc.sql("""
				update identity_providers
				set display_name = :displayName, issuer = :issuer, client_id = :clientId,
				    client_secret_encrypted = :secret, metadata = :metadata,
				    link_by_verified_email = :linkByVerifiedEmail, provision_users = :provisionUsers,
				    role_claim = :roleClaim, administrator_values = :administratorValues,
				    requester_values = :requesterValues, configured = :configured, modify_date = :now
				where id = :id
				""").params(fields(provider, now)).param("id", provider.id()).update();
	}

	/** The columns an insert and an update both write. */
	private static Map<String, Object> fields(IdentityProvider provider, Instant now) {
		RoleMapping mapping = provider.roleMapping();
		Map<String, Object> fields = new HashMap<>();
		fields.put("displayName", provider.displayName());
		fields.put("issuer", provider.issuer());
		fields.put("clientId", provider.clientId());
		fields.put("secret", provider.encryptedClientSecret());
		fields.put("metadata", provider.metadata());
		fields.put("linkByVerifiedEmail", provider.linkByVerifiedEmail());
		fields.put("provisionUsers", provider.provisionUsers());
		fields.put("roleClaim", (mapping != null) ? mapping.claim() : null);
		fields.put("administratorValues", (mapping != null) ? String.join("\n", mapping.administratorValues()) : null);
		fields.put("requesterValues", (mapping != null) ? String.join("\n", mapping.requesterValues()) : null);
		fields.put("configured", provider.configured());
		fields.put("now", now.atOffset(ZoneOffset.UTC));
		return fields;
	}

	/** Values kept one per line (none can hold a line break). */
	private static List<String> lines(String text) {
		return (text == null || text.isEmpty()) ? List.of() : List.of(text.split("\n"));
	}

	boolean delete(long id) {
		return this.jdbc.sql("delete from identity_providers where id = :id").param("id", id).update() > 0;
	}

	Optional<Long> linkedUser(String issuer, String subject) {
		return this.jdbc.sql("select user_id from user_identities where issuer = :issuer and subject = :subject")
			.param("issuer", issuer)
			.param("subject", subject)
			.query(Long.class)
			.optional();
	}

	void link(String issuer, String subject, long userId, long providerId, Instant now) {
		this.jdbc.sql("""
				insert into user_identities (issuer, subject, user_id, provider_id, create_date)
				values (:issuer, :subject, :userId, :providerId, :now)
				""")
			.param("issuer", issuer)
			.param("subject", subject)
			.param("userId", userId)
			.param("providerId", providerId)
			.param("now", now.atOffset(ZoneOffset.UTC))
			.update();
	}

}
