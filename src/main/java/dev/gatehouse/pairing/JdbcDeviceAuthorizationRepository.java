package dev.gatehouse.pairing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.gatehouse.pairing.DeviceAuthorization.Status;
import dev.gatehouse.token.Scope;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The {@code device_authorizations} table, and {@code paired_apps}: which tokens went to
 * a paired app. Every change of state is one conditional update, so that two polls, or an
 * approval and a denial, racing on two nodes, decide once.
 */
@Repository
class JdbcDeviceAuthorizationRepository {

	private static final String SELECT = """
			select id, user_code, client_id, device_name, scopes, status, user_id, token_id, poll_interval,
			       last_poll_date, create_date, expiry_date
			from device_authorizations
			""";

	private final JdbcClient jdbc;

	JdbcDeviceAuthorizationRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long insert(String deviceCodeHash, String userCode, String clientId, String deviceName, Set<Scope> scopes,
			int interval, Instant now, Instant expiry) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into device_authorizations (device_code_hash, user_code, client_id, device_name, scopes, status,
				                                   poll_interval, create_date, expiry_date)
				values (:hash, :userCode, :clientId, :deviceName, :scopes, 'PENDING', :interval, :now, :expiry)
				""")
			.param("hash", deviceCodeHash)
			.param("userCode", userCode)
			.param("clientId", clientId)
			.param("deviceName", deviceName)
			.param("scopes", scopes.stream().sorted().map(Scope::apiName).collect(Collectors.joining(" ")))
			.param("interval", interval)
			.param("now", now.atOffset(ZoneOffset.UTC))
			.param("expiry", expiry.atOffset(ZoneOffset.UTC))
			.update(keys, "id");
		return keys.getKeyAs(Long.class);
	}

	Optional<DeviceAuthorization> findByUserCode(String userCode) {
		return this.jdbc.sql(SELECT + " where user_code = :code")
			.param("code", userCode)
			.query(JdbcDeviceAuthorizationRepository::map)
			.optional();
	}

	Optional<DeviceAuthorization> findByDeviceCodeHash(String hash) {
		return this.jdbc.sql(SELECT + " where device_code_hash = :hash")
			.param("hash", hash)
			.query(JdbcDeviceAuthorizationRepository::map)
			.optional();
	}

	/**
	 * Records the user's answer, if the request still waits for one and has not expired.
	 * @return whether this call decided it
	 */
	boolean decide(long id, Status answer, long userId, Instant now) {
		return this.jdbc.sql("""
				update device_authorizations set status = :answer, user_id = :userId
				where id = :id and status = 'PENDING' and expiry_date > :now
				""")
			.param("answer", answer.name())
			.param("userId", userId)
			.param("id", id)
			.param("now", now.atOffset(ZoneOffset.UTC))
			.update() == 1;
	}

	/**
	 * Records a poll, and the interval the app must now keep, if no other poll was
	 * recorded since the one this call read.
	 * @return whether this call recorded it
	 */
	boolean recordPoll(long id, Instant previous, Instant now, int interval) {
		return this.jdbc.sql("""
				update device_authorizations set last_poll_date = :now, poll_interval = :interval
				where id = :id and (last_poll_date = :previous or (last_poll_date is null and :first = true))
				""")
			.param("now", now.atOffset(ZoneOffset.UTC))
			.param("interval", interval)
			.param("id", id)
			.param("previous", (previous != null) ? previous.atOffset(ZoneOffset.UTC) : now.atOffset(ZoneOffset.UTC))
			.param("first", previous == null)
			.update() == 1;
	}

	/**
	 * Marks an approved request collected: whoever marks it hands out the token, so a
	 * device code yields one token.
	 * @return whether this call collected it
	 */
	boolean collect(long id) {
		return this.jdbc
			.sql("update device_authorizations set status = 'COLLECTED' where id = :id and status = 'APPROVED'")
			.param("id", id)
			.update() == 1;
	}

	void recordToken(long id, long tokenId, String clientId, String deviceName, Instant now) {
		this.jdbc.sql("update device_authorizations set token_id = :tokenId where id = :id")
			.param("tokenId", tokenId)
			.param("id", id)
			.update();
		this.jdbc.sql("""
				insert into paired_apps (token_id, client_id, device_name, pair_date)
				values (:tokenId, :clientId, :deviceName, :now)
				""")
			.param("tokenId", tokenId)
			.param("clientId", clientId)
			.param("deviceName", deviceName)
			.param("now", now.atOffset(ZoneOffset.UTC))
			.update();
	}

	/**
	 * The apps paired with a user's tokens: token id to what the app and device are
	 * called.
	 */
	Map<Long, String> pairedApps(long userId) {
		Map<Long, String> apps = new LinkedHashMap<>();
		this.jdbc.sql("""
				select a.token_id, a.client_id, a.device_name from paired_apps a
				join personal_access_tokens t on t.id = a.token_id
				where t.user_id = :userId order by a.token_id
				""").param("userId", userId).query((rs) -> {
			String device = rs.getString("device_name");
			apps.put(rs.getLong("token_id"), rs.getString("client_id") + ((device != null) ? " on " + device : ""));
		});
		return apps;
	}

	int deleteExpiredBefore(Instant before) {
		return this.jdbc.sql("delete from device_authorizations where expiry_date < :before")
			.param("before", before.atOffset(ZoneOffset.UTC))
			.update();
	}

	/**
	 * How many requests wait for an answer now, to bound what strangers can store.
	 */
	long countLive(Instant now) {
		return this.jdbc.sql("select count(*) from device_authorizations where expiry_date > :now")
			.param("now", now.atOffset(ZoneOffset.UTC))
			.query(Long.class)
			.single();
	}

	private static DeviceAuthorization map(ResultSet rs, int row) throws SQLException {
		Set<Scope> scopes = EnumSet.noneOf(Scope.class);
		Arrays.stream(rs.getString("scopes").split(" "))
			.filter((s) -> !s.isEmpty())
			.map(Scope::parse)
			.forEach(scopes::add);
		OffsetDateTime lastPoll = rs.getObject("last_poll_date", OffsetDateTime.class);
		long userId = rs.getLong("user_id");
		Long user = rs.wasNull() ? null : userId;
		long tokenId = rs.getLong("token_id");
		Long token = rs.wasNull() ? null : tokenId;
		return new DeviceAuthorization(rs.getLong("id"), rs.getString("user_code"), rs.getString("client_id"),
				rs.getString("device_name"), scopes, Status.valueOf(rs.getString("status")), user, token,
				rs.getInt("poll_interval"), (lastPoll != null) ? lastPoll.toInstant() : null,
				rs.getObject("create_date", OffsetDateTime.class).toInstant(),
				rs.getObject("expiry_date", OffsetDateTime.class).toInstant());
	}

}
