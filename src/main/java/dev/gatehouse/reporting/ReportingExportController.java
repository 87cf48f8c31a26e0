package dev.gatehouse.reporting;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.LocalDate;

import dev.gatehouse.identity.Caller;
import dev.gatehouse.reporting.JdbcReportingRepository.ExportFilter;
import dev.gatehouse.system.TextRules;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

import org.springframework.format.annotation.DateTimeFormat;
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

	private final ReportingExport exports;

	ReportingExportController(ReportingExport exports) {
		this.exports = exports;
	}

	@GetMapping("/{entitySet}.csv")
	void export(Caller caller, @PathVariable String entitySet, @RequestParam(required = false) String project,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			HttpServletResponse response) throws IOException {
		ReportingExport.Prepared export = this.exports.prepare(caller, entitySet, new ExportFilter(project, from, to));
		CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
		export.columns().forEach(schema::addColumn);
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader(ReportingViewHeader.NAME, ReportingViewHeader.value(export.view()));
		response.setHeader("Content-Disposition",
				"attachment; filename=\"gatehouse-" + export.table().entitySet() + ".csv\"");
		Writer body = response.getWriter();
		try (SequenceWriter rows = CSV.writer(schema.build()).writeValues(body)) {
			this.exports.write(export, (row) -> {
				Object[] cells = new Object[row.length];
				for (int i = 0; i < row.length; i++) {
					cells[i] = cell(row[i]);
				}
				try {
					rows.write(cells);
				}
				catch (JacksonException ex) {
					throw new IllegalStateException("Could not write the export", ex);
				}
			});
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
		return (value instanceof BigDecimal decimal) ? decimal.toPlainString() : value.toString();
	}

}
