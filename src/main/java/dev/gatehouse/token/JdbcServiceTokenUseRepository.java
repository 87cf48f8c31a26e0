package dev.gatehouse.token;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code service_token_uses} table.
 */
@Repository
class JdbcServiceTokenUseRepository {

	private final JdbcClient jdbc;

	JdbcServiceTokenUseRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Adds uses to a user's line for an address and client, creating it if need be. Two
	 * nodes adding at once both count: the one whose insert loses adds to the other's
	 * row.
	 */
	void add(long userId, String address, String client, Instant first, Instant last, long uses) {
		if (update(userId, address, client, last, uses) > 0) {
			return;
		}
		try {
			this.jdbc.sql("""
					insert into service_token_uses (user_id, address, client, first_used_date, last_used_date, uses)
					select u.id, :address, :client, :first, :last, :uses from users u where u.id = :userId
					""")
				.param("userId", userId)
				.param("address", address)
				.param("client", client)
				.param("first", first.atOffset(ZoneOffset.UTC))
				.param("last", last.atOffset(ZoneOffset.UTC))
				.param("uses", uses)
				.update();
		}
		catch (DuplicateKeyException ex) {
			update(userId, address, client, last, uses);
		}
	}

	private int update(long userId, String address, String client, Instant last, long uses) {
		return this.jdbc.sql("""
				update service_token_uses
				set uses = uses + :uses, last_used_date = greatest(last_used_date, :last)
				where user_id = :userId and address = :address and client = :client
				""")
			.param("userId", userId)
			.param("address", address)
			.param("client", client)
			.param("last", last.atOffset(ZoneOffset.UTC))
			.param("uses", uses)
			.update();
	}

	/**
	 * Every line used since an instant, the latest first.
	 */
	List<ServiceTokenUse> usedSince(Instant since) {
		return this.jdbc.sql("""
				select s.user_id, u.login, s.address, s.client, s.first_used_date, s.last_used_date, s.uses
				from service_token_uses s join users u on u.id = s.user_id
				where s.last_used_date >= :since
				order by s.last_used_date desc, s.user_id, s.address
				fetch first 1000 rows only
				""").param("since", since.atOffset(ZoneOffset.UTC)).query(JdbcServiceTokenUseRepository::map).list();
	}

	/**
	 * One user's lines used since an instant.
	 */
	List<ServiceTokenUse> usedSince(long userId, Instant since) {
		return this.jdbc.sql("""
				select s.user_id, u.login, s.address, s.client, s.first_used_date, s.last_used_date, s.uses
				from service_token_uses s join users u on u.id = s.user_id
				where s.user_id = :userId and s.last_used_date >= :since
				""")
			.param("userId", userId)
			.param("since", since.atOffset(ZoneOffset.UTC))
			.query(JdbcServiceTokenUseRepository::map)
			.list();
	}

	private static ServiceTokenUse map(ResultSet rs, int row) throws SQLException {
		return new ServiceTokenUse(rs.getLong("user_id"), rs.getString("login"), rs.getString("address"),
				rs.getString("client"), rs.getObject("first_used_date", OffsetDateTime.class).toInstant(),
				rs.getObject("last_used_date", OffsetDateTime.class).toInstant(), rs.getLong("uses"));
	}

}
