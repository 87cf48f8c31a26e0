package dev.gatehouse.reporting;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import dev.gatehouse.system.InvalidRequestException;
import dev.gatehouse.system.NotFoundException;
import dev.gatehouse.system.TextRules;
import dev.gatehouse.identity.Caller;
import dev.gatehouse.serviceaccount.ReportingView;
import dev.gatehouse.serviceaccount.ServiceAccountService;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The CSV export of the Reporting API's data (SPEC §6.7):
 * {@code GET /api/v1/Reporting/WorkLogs.csv} (and {@code WorkItems.csv},
 * {@code Budgets.csv}), the same rows the OData feed gives the caller, optionally for one
 * project and, for work logs, a date range. Rows are streamed as they are read.
 */
@RestController
@RequestMapping("/api/v1/Reporting")
class ReportingExportController {

	private static final CsvMapper CSV = CsvMapper.builder().build();

	/** Rows fetched per round trip: the export streams, the driver never holds it all. */
	private static final int FETCH_SIZE = 1000;

	private final JdbcClient jdbc;

	private final TransactionTemplate readOnly;

	private final ServiceAccountService serviceAccount;

	ReportingExportController(DataSource dataSource, PlatformTransactionManager transactions,
			ServiceAccountService serviceAccount) {
		// PostgreSQL's driver reads a result in pages only with a fetch size, inside a
		// transaction; otherwise it buffers every row of a million-row export in memory.
		JdbcTemplate streaming = new JdbcTemplate(dataSource);
		streaming.setFetchSize(FETCH_SIZE);
		this.jdbc = JdbcClient.create(streaming);
		this.readOnly = new TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
		this.serviceAccount = serviceAccount;
	}

	@GetMapping("/{entitySet}.csv")
	void export(Caller caller, @PathVariable String entitySet, @RequestParam(required = false) String project,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			HttpServletResponse response) throws IOException {
		ReportingTable table = ReportingTable.of(entitySet);
		if (table == null) {
			throw new NotFoundException("No entity set '" + entitySet + "'; there are WorkLogs, WorkItems, Budgets");
		}
		Map<String, Object> filters = new HashMap<>();
		StringBuilder where = new StringBuilder();
		if (project != null) {
			where.append(" and lower(").append(table.column("ProjectKey").sql()).append(") = lower(:project)");
			filters.put("project", project);
		}
		ReportingTable.Column date = table.column("Date");
		if ((from != null || to != null) && date == null) {
			throw new InvalidRequestException("Only WorkLogs can be limited to dates");
		}
		if (from != null) {
			where.append(" and ").append(date.sql()).append(" >= :from");
			filters.put("from", from);
		}
		if (to != null) {
			where.append(" and ").append(date.sql()).append(" <= :to");
			filters.put("to", to);
		}
		ReportingView view = this.serviceAccount.reportingView(caller, "export " + table.entitySet() + ".csv");
		Map<String, Object> parameters = view.parameters();
		parameters.putAll(filters);
		CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
		table.columns().forEach((column) -> schema.addColumn(column.property()));
		String columns = String.join(", ", table.columns().stream().map(ReportingTable.Column::sql).toList());

		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader(ReportingViewHeader.NAME, ReportingViewHeader.value(view));
		response.setHeader("Content-Disposition", "attachment; filename=\"gatehouse-" + table.entitySet() + ".csv\"");
		Writer body = response.getWriter();
		try (SequenceWriter rows = CSV.writer(schema.build()).writeValues(body)) {
			this.readOnly.executeWithoutResult((transaction) -> this.jdbc
				.sql("select " + columns + " " + table.from() + where + " order by " + table.columns().get(0).sql())
				.params(parameters)
				.query((java.sql.ResultSet rs) -> {
					Object[] row = new Object[table.columns().size()];
					for (int i = 0; i < row.length; i++) {
						row[i] = cell(rs.getObject(i + 1));
					}
					try {
						rows.write(row);
					}
					catch (JacksonException ex) {
						throw new IllegalStateException("Could not write the export", ex);
					}
				}));
		}
	}

	/**
	 * A cell as text a spreadsheet shows as it is: text that would start a formula gets a
	 * leading apostrophe.
	 */
	private static String cell(Object value) {
		if (value == null) {
			return "";
		}
		if (value instanceof String text) {
			return TextRules.spreadsheetSafe(text);
		}
		return (value instanceof java.math.BigDecimal decimal) ? decimal.toPlainString() : value.toString();
	}

}
