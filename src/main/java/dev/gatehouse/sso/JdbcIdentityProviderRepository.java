package dev.gatehouse.sso;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
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
			       link_by_verified_email, provision_users, create_date
			from identity_providers
			""";

	private static final RowMapper<IdentityProvider> PROVIDER_MAPPER = (rs, row) -> new IdentityProvider(
			rs.getLong("id"), rs.getString("registration_id"), rs.getString("display_name"), rs.getString("issuer"),
			rs.getString("client_id"), rs.getString("client_secret_encrypted"), rs.getString("metadata"),
			rs.getBoolean("link_by_verified_email"), rs.getBoolean("provision_users"),
			rs.getObject("create_date", java.time.OffsetDateTime.class).toInstant());

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
		this.jdbc
			.sql("""
					insert into identity_providers (registration_id, display_name, issuer, client_id,
					    client_secret_encrypted, metadata, link_by_verified_email, provision_users, create_date, modify_date)
					values (:registrationId, :displayName, :issuer, :clientId, :secret, :metadata, :linkByVerifiedEmail,
					    :provisionUsers, :now, :now)
					""")
			.param("registrationId", provider.registrationId())
			.param("displayName", provider.displayName())
			.param("issuer", provider.issuer())
			.param("clientId", provider.clientId())
			.param("secret", provider.encryptedClientSecret())
			.param("metadata", provider.metadata())
			.param("linkByVerifiedEmail", provider.linkByVerifiedEmail())
			.param("provisionUsers", provider.provisionUsers())
			.param("now", now.atOffset(ZoneOffset.UTC))
			.update(keys, "id");
		return keys.getKeyAs(Long.class);
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
