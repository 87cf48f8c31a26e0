package dev.gatehouse.token;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

import dev.gatehouse.query.CollectionPage;
import dev.gatehouse.query.CollectionParameters;
import dev.gatehouse.query.CollectionQuery;
import dev.gatehouse.query.FieldType;
import dev.gatehouse.query.QueryFields;
import dev.gatehouse.system.TextRules;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The {@code project_access_tokens} table. Values arrive here already hashed.
 */
@Repository
class JdbcProjectAccessTokenRepository {

	private static final QueryFields FIELDS = QueryFields.of()
		.field("Id", "t.id", FieldType.INTEGER)
		.field("Name", "t.name", FieldType.TEXT)
		.field("CreateDate", "t.create_date", FieldType.INSTANT)
		.field("ExpirationDate", "t.expiration_date", FieldType.DATE)
		.field("LastLoginDate", "t.last_login_date", FieldType.INSTANT);

	/** Rows read per round trip when every hash is read. */
	private static final int FETCH_SIZE = 1000;

	private static final String SELECT = """
			select t.id, t.project_id, p.project_key, t.name, t.create_date, t.expiration_date, t.last_login_date,
			       t.rotated_date,
			       (select max(v.retire_date) from project_access_token_values v where v.token_id = t.id) as overlap_end
			from project_access_tokens t join projects p on p.id = t.project_id
			""";

	private final JdbcClient jdbc;

	private final JdbcRotationTables rotation;

	JdbcProjectAccessTokenRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
		this.rotation = new JdbcRotationTables(jdbc, "project_access_tokens", "project_access_token_values");
	}

	long insert(long projectId, String name, String hash, Instant createDate, LocalDate expirationDate) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc
			.sql("insert into project_access_tokens (project_id, name, token_hash, create_date, expiration_date,"
					+ " lifetime_days) values (:projectId, :name, :hash, :createDate, :expirationDate, :lifetimeDays)")
			.param("projectId", projectId)
			.param("name", name)
			.param("hash", hash)
			.param("createDate", createDate.atOffset(ZoneOffset.UTC))
			.param("expirationDate", expirationDate)
			.param("lifetimeDays", (int) RotationPolicy.lifetimeOf(createDate, expirationDate))
			.update(keys, "id");
		return keys.getKeyAs(Long.class);
	}

	/**
	 * Hands every stored hash to {@code action}, row by row, so that a million tokens are
	 * never one list; inside a transaction, PostgreSQL's driver fetches them in pages.
	 */
	void forEachHash(Consumer<String> action) {
		this.jdbc.sql(
				"select token_hash from project_access_tokens union all select token_hash from project_access_token_values")
			.withFetchSize(FETCH_SIZE)
			.query((RowCallbackHandler) (rs) -> action.accept(rs.getString(1)));
	}

	/**
	 * The hashes of the values issued since an instant, by creation or rotation.
	 */
	List<String> hashesCreatedSince(Instant since) {
		return this.jdbc
			.sql("select token_hash from project_access_tokens where create_date >= :since or rotated_date >= :since")
			.param("since", since.atOffset(ZoneOffset.UTC))
			.query(String.class)
			.list();
	}

	/**
	 * The token a presented value belongs to, as its current value or as one it had
	 * before a rotation.
	 */
	Optional<PresentedValue<ProjectAccessToken>> findByValueHash(String hash) {
		// One statement: a lookup costs what it cost before rotation existed.
		String current = SELECT.replace("select t.id,",
				"select cast(null as timestamp with time zone) as value_retire_date, t.id,");
		String replaced = SELECT.replace("select t.id,", "select r.retire_date as value_retire_date, t.id,")
				+ " join project_access_token_values r on r.token_id = t.id";
		return this.jdbc
			.sql(current + " where t.token_hash = :hash union all " + replaced + " where r.token_hash = :hash")
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
	 * The tokens whose last day is one of these.
	 */
	List<ProjectAccessToken> findExpiringOn(Collection<LocalDate> days) {
		return this.jdbc.sql(SELECT + " where t.expiration_date in (:days) order by t.expiration_date, t.id")
			.param("days", List.copyOf(days))
			.query(JdbcProjectAccessTokenRepository::map)
			.list();
	}

	/**
	 * Locks a token's row until the transaction ends.
	 * @return whether the token exists
	 */
	boolean lock(long id) {
		return !this.jdbc.sql("select id from project_access_tokens where id = :id for update")
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
	void replaceValue(long id, String hash, Instant now, Instant retireDate, LocalDate expirationDate) {
		this.jdbc.sql("""
				insert into project_access_token_values (token_hash, token_id, retire_date, replaced_date)
				select token_hash, id, :retireDate, :now from project_access_tokens where id = :id
				""")
			.param("id", id)
			.param("retireDate", retireDate.atOffset(ZoneOffset.UTC))
			.param("now", now.atOffset(ZoneOffset.UTC))
			.update();
		this.jdbc.sql("""
				update project_access_tokens
				set token_hash = :hash, rotated_date = :now, expiration_date = :expirationDate
				where id = :id
				""")
			.param("id", id)
			.param("hash", hash)
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

	Optional<ProjectAccessToken> findById(long projectId, long id) {
		return this.jdbc.sql(SELECT + " where t.project_id = :projectId and t.id = :id")
			.param("projectId", projectId)
			.param("id", id)
			.query(JdbcProjectAccessTokenRepository::map)
			.optional();
	}

	/**
	 * A page of a project's tokens for the API.
	 */
	CollectionPage<ProjectAccessToken> find(long projectId, boolean showExpired, LocalDate today,
			CollectionParameters parameters) {
		CollectionQuery query = CollectionQuery.of(parameters, FIELDS, "t.id");
		return query.page(this.jdbc
			.sql(SELECT + " where t.project_id = :projectId" + unexpired(showExpired) + query.condition()
					+ query.orderAndPage())
			.params(query.bindings())
			.param("projectId", projectId)
			.param("today", today)
			.query(JdbcProjectAccessTokenRepository::map)
			.list());
	}

	long count(long projectId, ProjectTokenTable.Request request, LocalDate today) {
		return this.jdbc
			.sql("select count(*) from project_access_tokens t where t.project_id = :projectId"
					+ unexpired(request.showExpired()) + nameFilter(request))
			.param("projectId", projectId)
			.param("today", today)
			.param("pattern", pattern(request.filter()))
			.query(Long.class)
			.single();
	}

	/**
	 * One page of the administration table; nulls (never used) sort as the oldest, on
	 * every database alike.
	 */
	List<ProjectAccessToken> page(long projectId, ProjectTokenTable.Request request, LocalDate today) {
		if (request.sort() == ProjectTokenTable.Column.EXPIRED) {
			return byExpiryState(projectId, request, today);
		}
		String direction = request.descending() ? " desc" : " asc";
		String nulls = request.descending() ? " nulls last" : " nulls first";
		String order = switch (request.sort()) {
			case NAME -> "lower(t.name)" + direction;
			case LAST_LOGIN -> "t.last_login_date" + direction + nulls;
			case EXPIRATION_DATE -> "t.expiration_date" + direction;
			case EXPIRED -> throw new IllegalStateException("read by byExpiryState");
			case CREATE_DATE -> "t.create_date" + direction;
		};
		return this.jdbc
			.sql(SELECT + " where t.project_id = :projectId" + unexpired(request.showExpired()) + nameFilter(request)
					+ " order by " + order + ", t.id" + direction + " offset :offset rows fetch next :size rows only")
			.param("projectId", projectId)
			.param("today", today)
			.param("pattern", pattern(request.filter()))
			.param("offset", request.offset())
			.param("size", request.size())
			.query(JdbcProjectAccessTokenRepository::map)
			.list();
	}

	/**
	 * The table sorted by state, then expiry date: unexpired tokens first ascending,
	 * expired ones first descending. The state depends on the day, which no index holds;
	 * sorting it made PostgreSQL sort every token of the project for each page (15-21 ms
	 * at 5,000). Instead the page is read as up to two range scans of
	 * {@code (project_id, expiration_date)}, one per state, after counting the first.
	 */
	private List<ProjectAccessToken> byExpiryState(long projectId, ProjectTokenTable.Request request, LocalDate today) {
		String expired = "t.expiration_date < :today";
		String unexpired = "t.expiration_date >= :today";
		String first = request.descending() ? expired : unexpired;
		String second = request.descending() ? unexpired : expired;
		String scope = " where t.project_id = :projectId" + unexpired(request.showExpired()) + nameFilter(request);
		long inFirst = this.jdbc.sql("select count(*) from project_access_tokens t" + scope + " and " + first)
			.param("projectId", projectId)
			.param("today", today)
			.param("pattern", pattern(request.filter()))
			.query(Long.class)
			.single();
		List<ProjectAccessToken> page = new ArrayList<>();
		long offset = request.offset();
		if (offset < inFirst) {
			page.addAll(range(projectId, request, today, scope + " and " + first, offset,
					(int) Math.min(request.size(), inFirst - offset)));
		}
		if (page.size() < request.size()) {
			page.addAll(range(projectId, request, today, scope + " and " + second, Math.max(0, offset - inFirst),
					request.size() - page.size()));
		}
		return page;
	}

	private List<ProjectAccessToken> range(long projectId, ProjectTokenTable.Request request, LocalDate today,
			String where, long offset, int size) {
		String direction = request.descending() ? " desc" : " asc";
		return this.jdbc
			.sql(SELECT + where + " order by t.expiration_date" + direction + ", t.id" + direction
					+ " offset :offset rows fetch next :size rows only")
			.param("projectId", projectId)
			.param("today", today)
			.param("pattern", pattern(request.filter()))
			.param("offset", offset)
			.param("size", size)
			.query(JdbcProjectAccessTokenRepository::map)
			.list();
	}

	void recordLogin(long id, Instant date) {
		this.jdbc.sql("update project_access_tokens set last_login_date = :date where id = :id")
			.param("date", date.atOffset(ZoneOffset.UTC))
			.param("id", id)
			.update();
	}

	int delete(long id) {
		return this.jdbc.sql("delete from project_access_tokens where id = :id").param("id", id).update();
	}

	private static String unexpired(boolean showExpired) {
		return showExpired ? "" : " and t.expiration_date >= :today";
	}

	private static String nameFilter(ProjectTokenTable.Request request) {
		return request.filter().isEmpty() ? ""
				: " and lower(t.name) like :pattern escape '" + TextRules.LIKE_ESCAPE + "'";
	}

	/** The filter as a {@code like} pattern, its own wildcards taken literally. */
	private static String pattern(String filter) {
		return "%" + TextRules.likeLiteral(filter.toLowerCase(Locale.ROOT)) + "%";
	}

	private static ProjectAccessToken map(ResultSet rs, int row) throws SQLException {
		OffsetDateTime lastLogin = rs.getObject("last_login_date", OffsetDateTime.class);
		OffsetDateTime rotated = rs.getObject("rotated_date", OffsetDateTime.class);
		OffsetDateTime overlapEnd = rs.getObject("overlap_end", OffsetDateTime.class);
		return new ProjectAccessToken(rs.getLong("id"), rs.getLong("project_id"), rs.getString("project_key"),
				rs.getString("name"), rs.getObject("create_date", OffsetDateTime.class).toInstant(),
				rs.getObject("expiration_date", LocalDate.class), (lastLogin != null) ? lastLogin.toInstant() : null,
				(rotated != null) ? rotated.toInstant() : null, (overlapEnd != null) ? overlapEnd.toInstant() : null);
	}

}
