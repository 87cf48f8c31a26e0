package dev.gatehouse.reporting;

import java.util.List;
import java.util.function.Consumer;

import dev.gatehouse.identity.Caller;
import dev.gatehouse.reporting.JdbcReportingRepository.ExportFilter;
import dev.gatehouse.system.InvalidRequestException;
import dev.gatehouse.system.NotFoundException;

import org.springframework.stereotype.Service;

/**
 * The CSV export's rules (SPEC §6.7): which entity sets there are, which filters each
 * takes, and that the rows are the ones the caller's view gives, as in the feed.
 */
@Service
class ReportingExport {

	private final ReportingViews views;

	private final JdbcReportingRepository reporting;

	ReportingExport(ReportingViews views, JdbcReportingRepository reporting) {
		this.views = views;
		this.reporting = reporting;
	}

	/**
	 * Checks an export and opens the caller's view for it (audited when it reads through
	 * the service account); nothing is read yet.
	 * @param caller who exports
	 * @param entitySet {@code WorkLogs}, {@code WorkItems} or {@code Budgets}
	 * @param filter the export's filters
	 * @return the export, ready to {@link #write}
	 */
	Prepared prepare(Caller caller, String entitySet, ExportFilter filter) {
		ReportingTable table = ReportingTable.of(entitySet);
		if (table == null) {
			throw new NotFoundException("No entity set '" + entitySet + "'; there are WorkLogs, WorkItems, Budgets");
		}
		if ((filter.from() != null || filter.to() != null) && table.column("Date") == null) {
			throw new InvalidRequestException("Only WorkLogs can be limited to dates");
		}
		return new Prepared(table, this.views.open(caller, "export " + table.entitySet() + ".csv"), filter);
	}

	/**
	 * Streams the export's rows, in key order.
	 * @param export what {@link #prepare} gave
	 * @param sink takes each row, the values in the order of {@link Prepared#columns()}
	 */
	void write(Prepared export, Consumer<Object[]> sink) {
		this.reporting.export(export.table(), export.view(), export.filter(), sink);
	}

	/**
	 * An export checked and ready to be written.
	 *
	 * @param table the entity set
	 * @param view the caller's view
	 * @param filter the filters
	 */
	record Prepared(ReportingTable table, ReportingView view, ExportFilter filter) {

		List<String> columns() {
			return this.table.columns().stream().map(ReportingTable.Column::property).toList();
		}

	}

}
