package dev.gatehouse.token;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import dev.gatehouse.query.CollectionPage;
import dev.gatehouse.query.CollectionParameters;
import dev.gatehouse.query.CollectionQuery;
import dev.gatehouse.query.FieldType;
import dev.gatehouse.query.QueryFields;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code access_token_uses} and {@code access_token_networks} tables.
 */
@Repository
class JdbcTokenUsageLogRepository {

	private static final QueryFields FIELDS = QueryFields.of()
		.field("Date", "u.use_minute", FieldType.INSTANT)
		.field("Address", "u.address", FieldType.TEXT)
		.field("Client", "u.client", FieldType.TEXT)
		.field("Method", "u.method", FieldType.TEXT)
		.field("Route", "u.route", FieldType.TEXT)
		.field("Transport", "u.transport", FieldType.TEXT);

	private static final String GROUPED = "u.use_minute, u.address, u.client, u.method, u.route, u.transport";

	private final JdbcClient jdbc;

	private final NamedParameterJdbcTemplate batches;

	JdbcTokenUsageLogRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batches) {
		this.jdbc = jdbc;
		this.batches = batches;
	}

	/**
	 * Writes counted uses in one batch; uses of a token deleted meanwhile are dropped.
	 */
	void insert(Collection<TokenUsageLog.Counted> uses) {
		if (uses.isEmpty()) {
			return;
		}
		SqlParameterSource[] batch = uses.stream()
			.map((use) -> new MapSqlParameterSource().addValue("tokenId", use.key().tokenId())
				.addValue("minute", use.key().minute().atOffset(ZoneOffset.UTC))
				.addValue("address", use.key().address())
				.addValue("client", use.key().client())
				.addValue("method", use.key().method())
				.addValue("route", use.key().route())
				.addValue("transport", use.key().transport().name())
				.addValue("uses", use.uses()))
			.toArray(SqlParameterSource[]::new);
		this.batches.batchUpdate("""
				insert into access_token_uses (token_id, use_minute, address, client, method, route, transport, uses)
				select t.id, :minute, :address, :client, :method, :route, :transport, :uses
				from personal_access_tokens t where t.id = :tokenId
				""", batch);
	}

	/**
	 * A page of a token's log, newest first unless asked otherwise; a minute's rows from
	 * several nodes and batches are one line.
	 */
	CollectionPage<TokenUseEntry> find(long tokenId, CollectionParameters parameters) {
		CollectionQuery query = CollectionQuery.of(parameters, FIELDS, "u.use_minute desc, u.address, u.route");
		return query.page(this.jdbc
			.sql("select " + GROUPED + ", sum(u.uses) as uses from access_token_uses u where u.token_id = :tokenId"
					+ query.condition() + " group by " + GROUPED + query.orderAndPage())
			.params(query.bindings())
			.param("tokenId", tokenId)
			.query(JdbcTokenUsageLogRepository::map)
			.list());
	}

	int deleteOlderThan(Instant limit) {
		return this.jdbc.sql("delete from access_token_uses where use_minute < :limit")
			.param("limit", limit.atOffset(ZoneOffset.UTC))
			.update();
	}

	Set<String> networks(long tokenId) {
		return new HashSet<>(this.jdbc.sql("select network from access_token_networks where token_id = :tokenId")
			.param("tokenId", tokenId)
			.query(String.class)
			.list());
	}

	/**
	 * Records a network a token was used from.
	 * @return whether it was new: not recorded before, by this node or another
	 */
	boolean addNetwork(long tokenId, String network, Instant date) {
		try {
			return this.jdbc
				.sql("""
						insert into access_token_networks (token_id, network, first_use_date)
						select t.id, :network, :date from personal_access_tokens t
						where t.id = :tokenId
						  and not exists (select 1 from access_token_networks n where n.token_id = t.id and n.network = :network)
						""")
				.param("tokenId", tokenId)
				.param("network", network)
				.param("date", date.atOffset(ZoneOffset.UTC))
				.update() == 1;
		}
		catch (DuplicateKeyException ex) {
			// Another node recorded it at the same moment.
			return false;
		}
	}

	private static TokenUseEntry map(ResultSet rs, int row) throws SQLException {
		return new TokenUseEntry(rs.getObject("use_minute", OffsetDateTime.class).toInstant(), rs.getString("address"),
				rs.getString("client"), rs.getString("method"), rs.getString("route"),
				TokenCarrier.valueOf(rs.getString("transport")), rs.getLong("uses"));
	}

}
