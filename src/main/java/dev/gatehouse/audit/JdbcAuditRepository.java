package dev.gatehouse.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Consumer;

import dev.gatehouse.query.CollectionPage;
import dev.gatehouse.query.CollectionParameters;
import dev.gatehouse.query.CollectionQuery;
import dev.gatehouse.query.FieldType;
import dev.gatehouse.query.QueryFields;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code audit_events} table.
 */
@Repository
class JdbcAuditRepository {

	private static final QueryFields FIELDS = QueryFields.of()
		.field("Id", "id", FieldType.INTEGER)
		.field("Date", "event_date", FieldType.INSTANT)
		.field("Action", "action", FieldType.TEXT)
		.field("ActorLogin", "actor_login", FieldType.TEXT)
		.field("SubjectLogin", "subject_login", FieldType.TEXT)
		.field("Target", "target", FieldType.TEXT)
		.field("Reason", "reason", FieldType.TEXT)
		.field("Address", "address", FieldType.TEXT);

	private static final String SELECT = "select id, event_date, action, actor_id, actor_login, subject_id,"
			+ " subject_login, target, reason, address, occurrences from audit_events where 1 = 1";

	private final JdbcClient jdbc;

	JdbcAuditRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(AuditEvent event) {
		this.jdbc.sql("""
				insert into audit_events (event_date, action, actor_id, actor_login, subject_id, subject_login,
				                          target, reason, address, occurrences)
				values (:date, :action, :actorId, :actorLogin, :subjectId, :subjectLogin, :target, :reason, :address,
				        :occurrences)
				""")
			.param("date", event.date().atOffset(ZoneOffset.UTC))
			.param("action", event.action().name())
			.param("actorId", event.actorId())
			.param("actorLogin", cut(event.actorLogin(), 100))
			.param("subjectId", event.subjectId())
			.param("subjectLogin", cut(event.subjectLogin(), 100))
			.param("target", cut(event.target(), 200))
			.param("reason", cut(event.reason(), 100))
			.param("address", cut(event.address(), 64))
			.param("occurrences", event.occurrences())
			.update();
	}

	CollectionPage<AuditEvent> find(CollectionParameters parameters) {
		CollectionQuery query = CollectionQuery.of(parameters, FIELDS, "id desc");
		return query.page(this.jdbc.sql(SELECT + query.condition() + query.orderAndPage())
			.params(query.bindings())
			.query(JdbcAuditRepository::map)
			.list());
	}

	/**
	 * Streams every matching event to {@code sink}, for exports that must not hold the
	 * whole log in memory.
	 */
	void stream(CollectionParameters filter, Consumer<AuditEvent> sink) {
		CollectionQuery query = CollectionQuery.of(filter, FIELDS, "id desc");
		this.jdbc.sql(SELECT + query.condition() + query.order()).params(query.bindings()).query((ResultSet rs) -> {
			sink.accept(map(rs, 0));
		});
	}

	private static String cut(String value, int length) {
		return (value == null || value.length() <= length) ? value : value.substring(0, length);
	}

	private static AuditEvent map(ResultSet rs, int row) throws SQLException {
		long actorId = rs.getLong("actor_id");
		boolean hasActor = !rs.wasNull();
		long subjectId = rs.getLong("subject_id");
		boolean hasSubject = !rs.wasNull();
		return new AuditEvent(rs.getLong("id"), rs.getObject("event_date", OffsetDateTime.class).toInstant(),
				AuditAction.valueOf(rs.getString("action")), hasActor ? actorId : null, rs.getString("actor_login"),
				hasSubject ? subjectId : null, rs.getString("subject_login"), rs.getString("target"),
				rs.getString("reason"), rs.getString("address"), rs.getInt("occurrences"));
	}

}
