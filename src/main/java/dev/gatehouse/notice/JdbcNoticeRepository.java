package dev.gatehouse.notice;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import dev.gatehouse.notice.Notice.MailState;
import dev.gatehouse.query.CollectionPage;
import dev.gatehouse.query.CollectionParameters;
import dev.gatehouse.query.CollectionQuery;
import dev.gatehouse.query.FieldType;
import dev.gatehouse.query.QueryFields;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The {@code notices} table.
 */
@Repository
class JdbcNoticeRepository {

	private static final QueryFields FIELDS = QueryFields.of()
		.field("Id", "n.id", FieldType.INTEGER)
		.field("CreateDate", "n.create_date", FieldType.INSTANT)
		.field("Subject", "n.subject", FieldType.TEXT)
		.field("ReadDate", "n.read_date", FieldType.INSTANT);

	private static final String SELECT = """
			select n.id, n.user_id, n.create_date, n.subject, n.body, n.read_date, n.mail_state
			from notices n
			where n.user_id = :userId
			""";

	private final JdbcClient jdbc;

	JdbcNoticeRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long insert(long userId, Instant date, String subject, String text, MailState mail) {
		KeyHolder key = new GeneratedKeyHolder();
		this.jdbc
			.sql("insert into notices (user_id, create_date, subject, body, mail_state)"
					+ " values (:userId, :date, :subject, :body, :mail)")
			.param("userId", userId)
			.param("date", date.atOffset(ZoneOffset.UTC))
			.param("subject", subject)
			.param("body", text)
			.param("mail", mail.name())
			.update(key, "id");
		return key.getKeyAs(Long.class);
	}

	void mailed(long id, MailState mail) {
		this.jdbc.sql("update notices set mail_state = :mail where id = :id")
			.param("id", id)
			.param("mail", mail.name())
			.update();
	}

	CollectionPage<Notice> find(long userId, CollectionParameters parameters) {
		CollectionQuery query = CollectionQuery.of(parameters, FIELDS, "n.id desc");
		return query.page(this.jdbc.sql(SELECT + query.condition() + query.orderAndPage())
			.params(query.bindings())
			.param("userId", userId)
			.query(JdbcNoticeRepository::map)
			.list());
	}

	long countUnread(long userId) {
		return this.jdbc.sql("select count(*) from notices where user_id = :userId and read_date is null")
			.param("userId", userId)
			.query(Long.class)
			.single();
	}

	int markAllRead(long userId, Instant date) {
		return this.jdbc.sql("update notices set read_date = :date where user_id = :userId and read_date is null")
			.param("userId", userId)
			.param("date", date.atOffset(ZoneOffset.UTC))
			.update();
	}

	int deleteOlderThan(Instant limit) {
		return this.jdbc.sql("delete from notices where create_date < :limit")
			.param("limit", limit.atOffset(ZoneOffset.UTC))
			.update();
	}

	private static Notice map(ResultSet rs, int row) throws SQLException {
		OffsetDateTime read = rs.getObject("read_date", OffsetDateTime.class);
		return new Notice(rs.getLong("id"), rs.getLong("user_id"),
				rs.getObject("create_date", OffsetDateTime.class).toInstant(), rs.getString("subject"),
				rs.getString("body"), (read != null) ? read.toInstant() : null,
				MailState.valueOf(rs.getString("mail_state")));
	}

}
