package dev.gatehouse.query;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.gatehouse.system.InvalidRequestException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code where} language becomes SQL over known columns with every literal bound.
 */
class WhereClauseTests {

	private static final QueryFields FIELDS = QueryFields.of()
		.field("Id", "t.id", FieldType.INTEGER)
		.field("Name", "t.name", FieldType.TEXT)
		.field("Effort", "t.effort", FieldType.DECIMAL)
		.field("IsActive", "t.active", FieldType.BOOLEAN)
		.field("CreateDate", "t.created", FieldType.INSTANT)
		.field("Date", "t.day", FieldType.DATE)
		.field("Project.Id", "t.project_id", FieldType.INTEGER);

	private final Map<String, Object> parameters = new HashMap<>();

	@Test
	void comparisonWhenTextThenCaseInsensitiveWithBoundValue() {
		String sql = WhereClause.toSql("(Name eq 'Big Story')", FIELDS, this.parameters);

		assertThat(sql).isEqualTo("(lower(t.name) = :w0)");
		assertThat(this.parameters).containsEntry("w0", "big story");
	}

	@Test
	void conditionsWhenJoinedByAndInParenthesesThenAllKept() {
		String sql = WhereClause.toSql("(Name contains 'a')and(Effort gte 2.5) and Project.Id eq 7", FIELDS,
				this.parameters);

		assertThat(sql).isEqualTo("(lower(t.name) like :w0 escape '!') and (t.effort >= :w1) and t.project_id = :w2");
		assertThat(this.parameters).containsEntry("w0", "%a%")
			.containsEntry("w1", new BigDecimal("2.5"))
			.containsEntry("w2", 7L);
	}

	@Test
	void containsWhenLiteralHasWildcardsThenTheyAreEscaped() {
		WhereClause.toSql("Name contains '50%_off!'", FIELDS, this.parameters);

		assertThat(this.parameters).containsEntry("w0", "%50!%!_off!!%");
	}

	@Test
	void literalWhenQuoteDoubledThenQuoteInValueAndNothingElse() {
		String sql = WhereClause.toSql("Name eq 'x'' or ''1''=''1'", FIELDS, this.parameters);

		assertThat(sql).isEqualTo("lower(t.name) = :w0");
		assertThat(this.parameters).containsEntry("w0", "x' or '1'='1");
	}

	@Test
	void inWhenListThenOneBoundListAndNullChecks() {
		String sql = WhereClause.toSql("(Id in (1, 2,3)) and (Name is not null) and (Effort is null)", FIELDS,
				this.parameters);

		assertThat(sql).isEqualTo("(t.id in (:w0)) and (t.name is not null) and (t.effort is null)");
		assertThat(this.parameters.get("w0")).isEqualTo(List.of(1L, 2L, 3L));
	}

	@Test
	void dateWhenComparedThenBoundAsADateAndTimesRefused() {
		WhereClause.toSql("Date gte '2026-11-01'", FIELDS, this.parameters);

		assertThat(this.parameters).containsEntry("w0", java.time.LocalDate.of(2026, 11, 1));
		assertRefused("Date gte '2026-11-01T10:00:00Z'", "invalid value");
		assertRefused("Date gte '+10000-01-01'", "invalid value");
	}

	@Test
	void instantWhenDateOnlyThenStartOfDayUtc() {
		WhereClause.toSql("CreateDate gt '2026-11-22'", FIELDS, this.parameters);

		assertThat(this.parameters).containsEntry("w0", OffsetDateTime.of(2026, 11, 22, 0, 0, 0, 0, ZoneOffset.UTC));
	}

	@Test
	void booleanWhenTrueOrFalseThenBound() {
		WhereClause.toSql("IsActive eq false", FIELDS, this.parameters);

		assertThat(this.parameters).containsEntry("w0", false);
	}

	@Test
	void parseWhenInvalidThenRefusedWithMessage() {
		assertRefused("Secret eq 1", "Unknown field 'Secret'");
		assertRefused("Name eq 'x' or Name eq 'y'", "unexpected 'or'");
		assertRefused("Name eq 'x", "closing quote");
		assertRefused("Name ~ 'x'", "unexpected character");
		assertRefused("Name like 'x'", "unknown operator");
		assertRefused("Id eq 'one'", "whole number");
		assertRefused("Id contains '1'", "only use contains on text");
		assertRefused("IsActive gt true", "eq or ne");
		assertRefused("IsActive eq yes", "true or false");
		assertRefused("CreateDate gt 'yesterday'", "invalid value");
		assertRefused("(Name eq 'x'", "')'");
		assertRefused("Name eq", "ends where it expects");
		assertRefused("Name is 'x'", "'null'");
		assertRefused("  ", "empty");
		assertRefused("(".repeat(12) + "Id eq 1" + ")".repeat(12), "too deeply");
		assertRefused("Id eq 1" + " and Id eq 1".repeat(20), "more than 20 conditions");
		assertRefused("Name eq '" + "x".repeat(2001) + "'", "longer than");
	}

	private void assertRefused(String where, String message) {
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> WhereClause.toSql(where, FIELDS, new HashMap<>()))
			.withMessageContaining(message);
	}

}
