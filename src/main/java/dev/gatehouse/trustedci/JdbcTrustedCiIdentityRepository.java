package dev.gatehouse.trustedci;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The trusted CI identities of every project; their claim rules are kept as a JSON
 * object.
 */
@Repository
class JdbcTrustedCiIdentityRepository {

	private static final String SELECT = """
			select t.id, t.project_id, p.project_key, t.name, t.issuer, t.jwks_uri, t.audience, t.claim_rules,
			       t.create_date, t.last_used_date
			from trusted_ci_identities t join projects p on p.id = t.project_id
			""";

	private static final TypeReference<LinkedHashMap<String, String>> CLAIMS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final RowMapper<TrustedCiIdentity> mapper;

	JdbcTrustedCiIdentityRepository(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
		this.mapper = (rs, row) -> new TrustedCiIdentity(rs.getLong("id"), rs.getLong("project_id"),
				rs.getString("project_key"), rs.getString("name"), rs.getString("issuer"), rs.getString("jwks_uri"),
				rs.getString("audience"), this.json.readValue(rs.getString("claim_rules"), CLAIMS),
				rs.getObject("create_date", OffsetDateTime.class).toInstant(),
				Optional.ofNullable(rs.getObject("last_used_date", OffsetDateTime.class))
					.map(OffsetDateTime::toInstant)
					.orElse(null));
	}

	List<TrustedCiIdentity> findAll() {
		return this.jdbc.sql(SELECT + " order by t.id").query(this.mapper).list();
	}

	List<TrustedCiIdentity> findByIds(List<Long> ids) {
		return this.jdbc.sql(SELECT + " where t.id in (:ids) order by t.id")
			.param("ids", ids)
			.query(this.mapper)
			.list();
	}

	List<TrustedCiIdentity> findByProject(long projectId) {
		return this.jdbc.sql(SELECT + " where t.project_id = :projectId order by t.name, t.id")
			.param("projectId", projectId)
			.query(this.mapper)
			.list();
	}

	Optional<TrustedCiIdentity> findById(long projectId, long id) {
		return this.jdbc.sql(SELECT + " where t.project_id = :projectId and t.id = :id")
			.param("projectId", projectId)
			.param("id", id)
			.query(this.mapper)
			.optional();
	}

	long insert(long projectId, String name, String issuer, String keysLocation, String audience,
			Map<String, String> claims, Long createdBy, Instant now) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into trusted_ci_identities (project_id, name, issuer, jwks_uri, audience, claim_rules,
				                                   created_by_user_id, create_date)
				values (:projectId, :name, :issuer, :keysLocation, :audience, :claims, :createdBy, :now)
				""")
			.param("projectId", projectId)
			.param("name", name)
			.param("issuer", issuer)
			.param("keysLocation", keysLocation)
			.param("audience", audience)
			.param("claims", this.json.writeValueAsString(claims))
			.param("createdBy", createdBy)
			.param("now", now.atOffset(ZoneOffset.UTC))
			.update(keys, "id");
		return keys.getKeyAs(Long.class);
	}

	boolean delete(long projectId, long id) {
		return this.jdbc.sql("delete from trusted_ci_identities where project_id = :projectId and id = :id")
			.param("projectId", projectId)
			.param("id", id)
			.update() > 0;
	}

	void recordUse(long id, Instant now) {
		this.jdbc.sql("update trusted_ci_identities set last_used_date = :now where id = :id")
			.param("id", id)
			.param("now", now.atOffset(ZoneOffset.UTC))
			.update();
	}

}
