package dev.gatehouse.token;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import dev.gatehouse.query.CollectionPage;
import dev.gatehouse.query.CollectionParameters;
import dev.gatehouse.query.CollectionQuery;
import dev.gatehouse.query.FieldType;
import dev.gatehouse.query.QueryFields;
import dev.gatehouse.token.PersonalAccessToken.TokenUse;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The {@code personal_access_tokens} table. Values arrive here already hashed.
 */
@Repository
class JdbcPersonalAccessTokenRepository {

	private static final QueryFields FIELDS = QueryFields.of()
		.field("Id", "t.id", FieldType.INTEGER)
		.field("Name", "t.name", FieldType.TEXT)
		.field("CreateDate", "t.create_date", FieldType.INSTANT)
		.field("ExpirationDate", "t.expiration_date", FieldType.DATE)
		.field("LastUsedDate", "t.last_used_date", FieldType.INSTANT)
		.field("LastUsedAddress", "t.last_used_address", FieldType.TEXT)
		.field("User.Id", "t.user_id", FieldType.INTEGER)
		.field("User.Login", "u.login", FieldType.TEXT);

	/** Rows read per round trip when every hash is read. */
	private static final int FETCH_SIZE = 1000;

	private static final String SELECT = """
			select t.id, t.user_id, u.login, t.name, t.last_four, t.scopes, t.create_date, t.expiration_date,
			       t.last_used_date, t.last_used_address, t.last_used_client, t.rotated_date,
			       (select max(v.retire_date) from personal_access_token_values v where v.token_id = t.id) as overlap_end
			from personal_access_tokens t join users u on u.id = t.user_id
			where u.delete_date is null
			""";

	private final JdbcClient jdbc;

	private final JdbcRotationTables rotation;

	private final NamedParameterJdbcTemplate batches;

	JdbcPersonalAccessTokenRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batches) {
		this.jdbc = jdbc;
		this.rotation = new JdbcRotationTables(jdbc, "personal_access_tokens", "personal_access_token_values");
		this.batches = batches;
	}

	/**
	 * Hands every stored hash to {@code action}, row by row, so that a million tokens are
	 * never one list; inside a transaction, PostgreSQL's driver fetches them in pages.
	 */
	void forEachHash(Consumer<String> action) {
		this.jdbc.sql(
				"select token_hash from personal_access_tokens union all select token_hash from personal_access_token_values")
			.withFetchSize(FETCH_SIZE)
			.query((RowCallbackHandler) (rs) -> action.accept(rs.getString(1)));
	}

	/**
	 * The hashes of the values issued since an instant, by creation or rotation.
	 */
	List<String> hashesCreatedSince(Instant since) {
		return this.jdbc
			.sql("select token_hash from personal_access_tokens where create_date >= :since or rotated_date >= :since")
			.param("since", since.atOffset(ZoneOffset.UTC))
			.query(String.class)
			.list();
	}

	/**
	 * The token a presented value belongs to, as its current value or as one it had
	 * before a rotation.
	 */
	Optional<PresentedValue<PersonalAccessToken>> findByValueHash(String hash) {
		// One statement, so that a revoked value retried costs one lookup as before.
		String current = SELECT.replace("select t.id,",
				"select cast(null as timestamp with time zone) as value_retire_date, t.id,");
		String replaced = SELECT
			.replace("where u.delete_date is null",
					"join personal_access_token_values p on p.token_id = t.id where u.delete_date is null")
			.replace("select t.id,", "select p.retire_date as value_retire_date, t.id,");
		return this.jdbc.sql(current + " and t.token_hash = :hash union all " + replaced + " and p.token_hash = :hash")
			.param("hash", hash)
			.query((rs, row) -> {
				OffsetDateTime retire = rs.getObject("value_retire_date", OffsetDateTime.class);
				return new PresentedValue<>(map(rs, row), (retire != null) ? retire.toInstant() : null);
			})
			.list()
			.stream()
			.findFirst();
	}

	/**
	 * The tokens whose last day is one of these, of active owners.
	 */
	List<PersonalAccessToken> findExpiringOn(Collection<LocalDate> days) {
		return this.jdbc
			.sql(SELECT + " and u.active = true and t.expiration_date in (:days) order by t.expiration_date, t.id")
			.param("days", List.copyOf(days))
			.query(JdbcPersonalAccessTokenRepository::map)
			.list();
	}

	/**
	 * Locks a token's row until the transaction ends: rotations and revocations of one
	 * token happen one after the other.
	 * @return whether the token exists
	 */
	boolean lock(long id) {
		return !this.jdbc.sql("select id from personal_access_tokens where id = :id for update")
			.param("id", id)
			.query(Long.class)
			.list()
			.isEmpty();
	}

	/**
	 * The lifetime a token was given, in days, if it was recorded.
	 */
	Optional<Integer> lifetimeDays(long id) {
		return this.rotation.lifetimeDays(id);
	}

	/**
	 * Records the lifetime a token was given when its owner renews it by a rotation in
	 * person.
	 */
	void recordLifetime(long id, int days) {
		this.rotation.recordLifetime(id, days);
	}

	/**
	 * Gives a token a new value; its current one is kept as a replaced value that works
	 * until {@code retireDate}.
	 */
	void replaceValue(long id, String hash, String lastFour, Instant now, Instant retireDate,
			LocalDate expirationDate) {
		this.jdbc.sql("""
				insert into personal_access_token_values (token_hash, token_id, last_four, retire_date, replaced_date)
				select token_hash, id, last_four, :retireDate, :now from personal_access_tokens where id = :id
				""")
			.param("id", id)
			.param("retireDate", retireDate.atOffset(ZoneOffset.UTC))
			.param("now", now.atOffset(ZoneOffset.UTC))
			.update();
		this.jdbc.sql("""
				update personal_access_tokens
				set token_hash = :hash, last_four = :lastFour, rotated_date = :now, expiration_date = :expirationDate
				where id = :id
				""")
			.param("id", id)
			.param("hash", hash)
			.param("lastFour", lastFour)
			.param("now", now.atOffset(ZoneOffset.UTC))
			.param("expirationDate", expirationDate)
			.update();
	}

	/**
	 * Ends the overlap of a token's replaced values, while the value used is current.
	 * @return how many values stopped working
	 */
	int retireReplacedValues(long id, String currentHash, Instant now) {
		return this.rotation.retireReplacedValues(id, currentHash, now);
	}

	/**
	 * Forgets values that stopped working before an instant.
	 */
	int deleteValuesRetiredBefore(Instant limit) {
		return this.rotation.deleteValuesRetiredBefore(limit);
	}

	Optional<PersonalAccessToken> findById(long id) {
		return this.jdbc.sql(SELECT + " and t.id = :id")
			.param("id", id)
			.query(JdbcPersonalAccessTokenRepository::map)
			.optional();
	}

	/**
	 * A page of tokens; {@code ownerId} limits it to one user's, {@code null} means all.
	 */
	CollectionPage<PersonalAccessToken> find(Long ownerId, CollectionParameters parameters) {
		CollectionQuery query = CollectionQuery.of(parameters, FIELDS, "t.id");
		String owner = (ownerId != null) ? " and t.user_id = :ownerId" : "";
		return query.page(this.jdbc.sql(SELECT + owner + query.condition() + query.orderAndPage())
			.params(query.bindings())
			.param("ownerId", ownerId)
			.query(JdbcPersonalAccessTokenRepository::map)
			.list());
	}

	long insert(long userId, String name, String hash, String lastFour, String scopes, Instant now,
			LocalDate expirationDate) {
		KeyHolder key = new GeneratedKeyHolder();
		this.jdbc
			.sql("""
					insert into personal_access_tokens (user_id, name, token_hash, last_four, scopes, create_date, expiration_date,
					                                    lifetime_days)
					values (:userId, :name, :hash, :lastFour, :scopes, :now, :expirationDate, :lifetimeDays)
					""")
			.param("userId", userId)
			.param("name", name)
			.param("hash", hash)
			.param("lastFour", lastFour)
			.param("scopes", scopes)
			.param("now", now.atOffset(ZoneOffset.UTC))
			.param("expirationDate", expirationDate)
			.param("lifetimeDays", (int) RotationPolicy.lifetimeOf(now, expirationDate))
			.update(key, "id");
		return key.getKeyAs(Long.class);
	}

	int delete(long id) {
		return this.jdbc.sql("delete from personal_access_tokens where id = :id").param("id", id).update();
	}

	List<Long> idsOfUser(long userId) {
		return this.jdbc.sql("select id from personal_access_tokens where user_id = :userId")
			.param("userId", userId)
			.query(Long.class)
			.list();
	}

	int deleteAllOfUser(long userId) {
		return this.jdbc.sql("delete from personal_access_tokens where user_id = :userId")
			.param("userId", userId)
			.update();
	}

	/**
	 * Writes the latest uses in one batch; an older use never overwrites a newer one
	 * (another node may have written it).
	 */
	void recordUses(Collection<PendingUse> uses) {
		if (uses.isEmpty()) {
			return;
		}
		SqlParameterSource[] batch = uses.stream()
			.map((use) -> new MapSqlParameterSource().addValue("id", use.tokenId())
				.addValue("date", use.use().date().atOffset(ZoneOffset.UTC))
				.addValue("address", use.use().address())
				.addValue("client", use.use().client()))
			.toArray(SqlParameterSource[]::new);
		this.batches.batchUpdate("""
				update personal_access_tokens
				set last_used_date = :date, last_used_address = :address, last_used_client = :client
				where id = :id and (last_used_date is null or last_used_date < :date)
				""", batch);
	}

	private static PersonalAccessToken map(ResultSet rs, int row) throws SQLException {
		OffsetDateTime lastUsed = rs.getObject("last_used_date", OffsetDateTime.class);
		LocalDate expiration = rs.getObject("expiration_date", LocalDate.class);
		OffsetDateTime rotated = rs.getObject("rotated_date", OffsetDateTime.class);
		OffsetDateTime overlapEnd = rs.getObject("overlap_end", OffsetDateTime.class);
		return new PersonalAccessToken(rs.getLong("id"), rs.getLong("user_id"), rs.getString("login"),
				rs.getString("name"), rs.getString("last_four"), Scope.parseStored(rs.getString("scopes")),
				rs.getObject("create_date", OffsetDateTime.class).toInstant(), expiration,
				(lastUsed != null) ? new TokenUse(lastUsed.toInstant(), rs.getString("last_used_address"),
						rs.getString("last_used_client")) : null,
				(rotated != null) ? rotated.toInstant() : null, (overlapEnd != null) ? overlapEnd.toInstant() : null);
	}

	/**
	 * A use waiting to be written.
	 *
	 * @param tokenId the token
	 * @param use the use
	 */
	record PendingUse(long tokenId, TokenUse use) {
	}

}
