package dev.gatehouse.reporting;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.olingo.commons.api.edm.EdmPrimitiveTypeKind;

/**
 * One entity set of the feed and the SQL behind it: what rows a caller sees, and each
 * property's column. The caller's {@link ReportingView} is part of the table (which
 * projects' rows, which titles masked), so no query option can reach past it: filters and
 * sorting see masked titles as masked.
 *
 * @param entitySet the entity set's name, e.g. {@code WorkLogs}
 * @param entityType the entity type's name, e.g. {@code WorkLog}
 * @param from the {@code from ... where <in the caller's view>} clause, with the
 * parameters of {@link ReportingView#parameters()}
 * @param columns the properties, the first being the key
 */
record ReportingTable(String entitySet, String entityType, String from, List<Column> columns) {

	/** The entity sets of the feed. */
	static final List<ReportingTable> ALL = List.of(
	// @formatter:off
			new ReportingTable("WorkLogs", "WorkLog", """
					from time_entries t
					join users u on u.id = t.user_id
					join user_stories s on s.id = t.user_story_id
					join projects p on p.id = s.project_id
					""" + " where " + ReportingView.includes("s.project_id"), List.of(
					new Column("Id", "t.id", EdmPrimitiveTypeKind.Int64),
					new Column("Date", "t.entry_date", EdmPrimitiveTypeKind.Date),
					new Column("Hours", "t.spent", EdmPrimitiveTypeKind.Decimal),
					new Column("Description", "case when " + ReportingView.titled("s.project_id")
							+ " then t.description end", EdmPrimitiveTypeKind.String),
					new Column("Billable", "t.billable", EdmPrimitiveTypeKind.Boolean),
					new Column("UserId", "t.user_id", EdmPrimitiveTypeKind.Int64),
					new Column("UserLogin", "u.login", EdmPrimitiveTypeKind.String),
					new Column("WorkItemId", "t.user_story_id", EdmPrimitiveTypeKind.Int64),
					new Column("WorkItemName", ReportingView.workItemName("s.project_id", "s.id", "s.name"),
							EdmPrimitiveTypeKind.String),
					new Column("ProjectId", "s.project_id", EdmPrimitiveTypeKind.Int64),
					new Column("ProjectKey", "p.project_key", EdmPrimitiveTypeKind.String))),
			new ReportingTable("WorkItems", "WorkItem", """
					from user_stories s
					join projects p on p.id = s.project_id
					""" + " where " + ReportingView.includes("s.project_id"), List.of(
					new Column("Id", "s.id", EdmPrimitiveTypeKind.Int64),
					new Column("Name", ReportingView.workItemName("s.project_id", "s.id", "s.name"),
							EdmPrimitiveTypeKind.String),
					new Column("State", "case when " + ReportingView.titled("s.project_id") + " then s.state end",
							EdmPrimitiveTypeKind.String),
					new Column("Effort", "case when " + ReportingView.titled("s.project_id") + " then s.effort end",
							EdmPrimitiveTypeKind.Decimal),
					new Column("ProjectId", "s.project_id", EdmPrimitiveTypeKind.Int64),
					new Column("ProjectKey", "p.project_key", EdmPrimitiveTypeKind.String))),
			new ReportingTable("Budgets", "Budget", """
					from budgets b
					left join user_stories s on s.id = b.user_story_id
					join projects p on p.id = coalesce(s.project_id, b.project_id)
					""" + " where " + ReportingView.includes("p.id"), List.of(
					new Column("Id", "b.id", EdmPrimitiveTypeKind.Int64),
					new Column("Hours", "b.hours", EdmPrimitiveTypeKind.Decimal),
					new Column("Tracked", """
							case when b.user_story_id is null
							     then (select coalesce(sum(t.spent), 0) from time_entries t
							           join user_stories ts on ts.id = t.user_story_id where ts.project_id = b.project_id)
							     else (select coalesce(sum(t.spent), 0) from time_entries t
							           where t.user_story_id = b.user_story_id)
							end""", EdmPrimitiveTypeKind.Decimal),
					new Column("ProjectId", "p.id", EdmPrimitiveTypeKind.Int64),
					new Column("ProjectKey", "p.project_key", EdmPrimitiveTypeKind.String),
					new Column("WorkItemId", "b.user_story_id", EdmPrimitiveTypeKind.Int64))));
	// @formatter:on

	private static final Map<String, ReportingTable> BY_SET = ALL.stream()
		.collect(Collectors.toMap(ReportingTable::entitySet, Function.identity()));

	static ReportingTable of(String entitySet) {
		return BY_SET.get(entitySet);
	}

	Column column(String property) {
		return this.columns.stream().filter((column) -> column.property().equals(property)).findFirst().orElse(null);
	}

	/**
	 * A property of the entity type and its SQL expression.
	 *
	 * @param property the property's name
	 * @param sql its column or expression
	 * @param type its EDM type
	 */
	record Column(String property, String sql, EdmPrimitiveTypeKind type) {
	}

}
