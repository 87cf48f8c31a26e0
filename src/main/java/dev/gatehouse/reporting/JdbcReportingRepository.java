package dev.gatehouse.reporting;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import dev.gatehouse.reporting.ReportingAggregation.Output;
import org.apache.olingo.commons.api.edm.EdmPrimitiveTypeKind;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The read model's statements: the feed's pages and counts and the CSV export, each over
 * a {@link ReportingTable} whose rows are already limited to the reader's
 * {@link ReportingView}. The OData options arrive translated ({@link SqlFilter},
 * {@link ReportingAggregation}); this class puts the statement together and runs it.
 */
@Repository
class JdbcReportingRepository {

	/** Rows fetched per round trip: the export streams, the driver never holds it all. */
	private static final int FETCH_SIZE = 1000;

	private final JdbcClient jdbc;

	private final JdbcClient streaming;

	private final TransactionTemplate readOnly;

	JdbcReportingRepository(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		// PostgreSQL's driver reads a result in pages only with a fetch size, inside a
		// transaction; otherwise it buffers every row of a million-row export in memory.
		JdbcTemplate template = new JdbcTemplate(dataSource);
		template.setFetchSize(FETCH_SIZE);
		this.streaming = JdbcClient.create(template);
		this.readOnly = new TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
	}

	/**
	 * One page of the feed.
	 * @param query what to read
	 * @param offset rows to pass over
	 * @param fetch rows to read at most
	 * @return the rows, each with the values of {@link FeedQuery#outputs()} in order
	 */
	List<Object[]> page(FeedQuery query, long offset, int fetch) {
		Map<String, Object> parameters = query.parameters();
		parameters.put("offset", offset);
		parameters.put("fetch", fetch);
		return this.jdbc.sql(query.select() + " offset :offset rows fetch next :fetch rows only")
			.params(parameters)
			.query((rs, row) -> values(rs, query.outputs()))
			.list();
	}

	/**
	 * How many rows the whole query has ({@code $count}).
	 */
	long count(FeedQuery query) {
		if (query.count() == null) {
			// An aggregate without groupby is exactly one row.
			return 1;
		}
		return this.jdbc.sql(query.count()).params(query.parameters()).query(Long.class).single();
	}

	/**
	 * Streams every row of a table in the reader's view, in key order (the CSV export).
	 * @param table the entity set
	 * @param view the reader's view
	 * @param filter the export's own filters
	 * @param sink takes each row, the values in the table's column order
	 */
	void export(ReportingTable table, ReportingView view, ExportFilter filter, Consumer<Object[]> sink) {
		Map<String, Object> parameters = view.parameters();
		List<String> conditions = new ArrayList<>();
		if (filter.project() != null) {
			conditions.add("lower(" + table.column("ProjectKey").sql() + ") = lower(:project)");
			parameters.put("project", filter.project());
		}
		ReportingTable.Column date = table.column("Date");
		if (filter.from() != null) {
			conditions.add(date.sql() + " >= :from");
			parameters.put("from", filter.from());
		}
		if (filter.to() != null) {
			conditions.add(date.sql() + " <= :to");
			parameters.put("to", filter.to());
		}
		String columns = table.columns().stream().map(ReportingTable.Column::sql).collect(Collectors.joining(", "));
		String sql = "select " + columns + " " + table.from()
				+ conditions.stream().map((condition) -> " and " + condition).collect(Collectors.joining())
				+ " order by " + table.columns().get(0).sql();
		this.readOnly
			.executeWithoutResult((transaction) -> this.streaming.sql(sql).params(parameters).query((ResultSet rs) -> {
				Object[] row = new Object[table.columns().size()];
				for (int i = 0; i < row.length; i++) {
					row[i] = rs.getObject(i + 1);
				}
				sink.accept(row);
			}));
	}

	private static Object[] values(ResultSet rs, List<Output> outputs) throws SQLException {
		Object[] values = new Object[outputs.size()];
		for (int i = 0; i < values.length; i++) {
			Output output = outputs.get(i);
			values[i] = value(rs, output.label(), output.type());
		}
		return values;
	}

	private static Object value(ResultSet rs, String name, EdmPrimitiveTypeKind type) throws SQLException {
		return switch (type) {
			case Int64 -> rs.getObject(name, Long.class);
			case Date -> rs.getObject(name, LocalDate.class);
			case Decimal -> decimal(rs.getBigDecimal(name));
			case Boolean -> rs.getObject(name, Boolean.class);
			default -> rs.getString(name);
		};
	}

	private static BigDecimal decimal(BigDecimal value) {
		return (value != null && value.scale() > ReportingAggregation.DECIMAL_SCALE)
				? value.setScale(ReportingAggregation.DECIMAL_SCALE, RoundingMode.HALF_UP) : value;
	}

	/**
	 * A read of the feed: the rows of a table in the reader's view, or the results of an
	 * {@code $apply}, ordered.
	 *
	 * @param select the statement, ordered, without paging
	 * @param count the statement counting its rows, or {@code null} when it has exactly
	 * one
	 * @param parameters the view's parameters and the options' values
	 * @param outputs what each row carries
	 */
	record FeedQuery(String select, String count, Map<String, Object> parameters, List<Output> outputs) {

		/**
		 * The rows of a table, each column an output.
		 * @param table the entity set, limited to the view
		 * @param filter the translated {@code $filter}, {@code ""} for none
		 * @param after where the page starts (keyset), {@code ""} for the first page; not
		 * part of the count
		 * @param order the translated {@code $orderby}, ending with the key
		 * @param parameters the view's parameters and the filter's values
		 * @return the query
		 */
		static FeedQuery rows(ReportingTable table, String filter, String after, String order,
				Map<String, Object> parameters) {
			List<Output> outputs = table.columns()
				.stream()
				.map((column) -> new Output(column.property(), "c_" + column.property(), column.sql(), column.type(),
						false))
				.toList();
			String where = filter.isEmpty() ? "" : " and " + filter;
			String select = "select "
					+ outputs.stream()
						.map((output) -> output.sql() + " as " + output.label())
						.collect(Collectors.joining(", "))
					+ " " + table.from() + where + (after.isEmpty() ? "" : " and " + after) + " order by " + order;
			return new FeedQuery(select, "select count(*) " + table.from() + where, parameters, outputs);
		}

		/**
		 * The results of an {@code $apply}.
		 * @param aggregation the translated {@code $apply}
		 * @param table the entity set, limited to the view
		 * @param order the {@code order by} clause of the results
		 * @param parameters the view's parameters and the filter's values
		 * @return the query
		 */
		static FeedQuery aggregated(ReportingAggregation aggregation, ReportingTable table, String order,
				Map<String, Object> parameters) {
			return new FeedQuery(aggregation.query(table) + order, aggregation.countQuery(table), parameters,
					aggregation.outputs());
		}

	}

	/**
	 * The CSV export's own filters, each {@code null} for none.
	 *
	 * @param project a project key
	 * @param from the first day (work logs only)
	 * @param to the last day (work logs only)
	 */
	record ExportFilter(String project, LocalDate from, LocalDate to) {
	}

}
