package dev.gatehouse.audit;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.gatehouse.identity.Caller;
import dev.gatehouse.query.CollectionParameters;
import dev.gatehouse.system.TextRules;
import dev.gatehouse.web.PageController;
import dev.gatehouse.web.PageForms;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * <i>Administration → Audit log</i> (SPEC §8): filter by action, by who acted, by whom it
 * concerned and by dates; page through; export what the filter selects as CSV.
 */
@PageController
@RequestMapping("/admin/audit")
class AuditAdministrationController {

	private static final int PAGE_SIZE = 50;

	private static final CsvMapper CSV = CsvMapper.builder().build();

	private static final CsvSchema CSV_SCHEMA = CSV.schemaFor(AuditRow.class).withHeader();

	private final AuditLog audit;

	AuditAdministrationController(AuditLog audit) {
		this.audit = audit;
	}

	@GetMapping
	String list(Caller caller, @RequestParam(required = false) AuditAction action,
			@RequestParam(required = false) String actor, @RequestParam(required = false) String subject,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(defaultValue = "0") int skip, Model model) {
		model.addAttribute("page", this.audit.find(caller, new CollectionParameters(PAGE_SIZE, Math.max(0, skip),
				filter(action, actor, subject, from, to), List.of(), List.of())));
		model.addAttribute("actions", AuditAction.values());
		model.addAttribute("action", action);
		model.addAttribute("actor", actor);
		model.addAttribute("subject", subject);
		model.addAttribute("from", from);
		model.addAttribute("to", to);
		return "audit/log";
	}

	@GetMapping("/export.csv")
	void export(Caller caller, @RequestParam(required = false) AuditAction action,
			@RequestParam(required = false) String actor, @RequestParam(required = false) String subject,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			HttpServletResponse response) throws IOException {
		String where = filter(action, actor, subject, from, to);
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"gatehouse-audit.csv\"");
		Writer body = response.getWriter();
		try (SequenceWriter rows = CSV.writer(CSV_SCHEMA).writeValues(body)) {
			this.audit.export(caller, where, (event) -> rows.write(AuditRow.of(event)));
		}
	}

	/**
	 * The filter form as a {@code where}; values are bound as parameters by the parser.
	 */
	private static String filter(AuditAction action, String actor, String subject, LocalDate from, LocalDate to) {
		List<String> conditions = new ArrayList<>();
		if (action != null) {
			conditions.add("(Action eq '" + action.name() + "')");
		}
		if (PageForms.optional(actor) != null) {
			conditions.add("(ActorLogin contains '" + actor.replace("'", "''") + "')");
		}
		if (PageForms.optional(subject) != null) {
			conditions.add("(SubjectLogin contains '" + subject.replace("'", "''") + "')");
		}
		if (from != null) {
			conditions.add("(Date gte '" + from + "')");
		}
		if (to != null) {
			conditions.add("(Date lt '" + to.plusDays(1) + "')");
		}
		return conditions.isEmpty() ? null : String.join(" and ", conditions);
	}

	/**
	 * One line of the CSV export.
	 */
	@JsonPropertyOrder({ "id", "date", "action", "actorLogin", "subjectLogin", "target", "reason", "address",
			"occurrences" })
	record AuditRow(long id, String date, String action, String actorLogin, String subjectLogin, String target,
			String reason, String address, int occurrences) {

		static AuditRow of(AuditEvent event) {
			// Logins, token names and reasons come from users: never a formula in a
			// spreadsheet.
			return new AuditRow(event.id(), event.date().toString(), event.action().name(),
					TextRules.spreadsheetSafe(event.actorLogin()), TextRules.spreadsheetSafe(event.subjectLogin()),
					TextRules.spreadsheetSafe(event.target()), TextRules.spreadsheetSafe(event.reason()),
					event.address(), event.occurrences());
		}

	}

}
