package dev.gatehouse.timetracking;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import dev.gatehouse.identity.Caller;
import dev.gatehouse.query.CollectionParameters;
import dev.gatehouse.reporting.ReportingView;
import dev.gatehouse.web.PageController;
import dev.gatehouse.web.PageForms;
import dev.gatehouse.workitem.UserStoryService;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * <i>Times</i>: one's own time, a week at a time, with the day totals, a form to log time
 * on the stories one can see, and delete.
 */
@PageController
@RequestMapping("/times")
class TimesPageController {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

	private final TimeEntryService times;

	private final UserStoryService stories;

	private final TimerService timers;

	TimesPageController(TimeEntryService times, UserStoryService stories, TimerService timers) {
		this.times = times;
		this.stories = stories;
		this.timers = timers;
	}

	@GetMapping
	String week(Caller caller,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate week,
			Model model) {
		LocalDate monday = ((week != null) ? week : this.times.today())
			.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
		LocalDate sunday = monday.plusDays(6);
		ReportingView view = this.times.view(caller);
		List<TimeEntry> entries = this.times
			.list(view,
					new CollectionParameters(CollectionParameters.MAX_TAKE, 0,
							"(User.Id eq " + caller.userId() + ") and (Date gte '" + monday + "') and (Date lte '"
									+ sunday + "')",
							List.of("Date", "Id"), List.of()))
			.items();
		Map<LocalDate, BigDecimal> days = new LinkedHashMap<>();
		for (int i = 0; i < 7; i++) {
			days.put(monday.plusDays(i), BigDecimal.ZERO);
		}
		entries.forEach((entry) -> days.merge(entry.date(), entry.spent(), BigDecimal::add));
		model.addAttribute("view", view);
		model.addAttribute("monday", monday);
		model.addAttribute("sunday", sunday);
		model.addAttribute("entries", entries);
		model.addAttribute("days", days);
		model.addAttribute("total", days.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add));
		model.addAttribute("today", this.times.today());
		Optional<Timer> timer = this.timers.running(caller);
		Instant now = this.timers.now();
		model.addAttribute("timer", timer.orElse(null));
		model.addAttribute("timerElapsed", timer.map((running) -> clock(running.elapsedAt(now))).orElse(null));
		model.addAttribute("timerStart",
				timer.map((running) -> TIME.format(running.startDate().atZone(running.timeZone()))).orElse(null));
		model.addAttribute("timerNow", now.toEpochMilli());
		model.addAttribute("timerLimit", clock(this.timers.limit()));
		model.addAttribute("serverStop", this.timers.lastServerStop(caller).orElse(null));
		model.addAttribute("stories",
				this.stories
					.list(caller,
							new CollectionParameters(CollectionParameters.MAX_TAKE, 0, "State ne 'Done'",
									List.of("Project.Name", "Name"), List.of()))
					.items());
		return "timetracking/times";
	}

	@PostMapping
	String log(Caller caller, @RequestParam(required = false) Long userStoryId,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
			@RequestParam(required = false) BigDecimal spent, @RequestParam(required = false) String description,
			@RequestParam(defaultValue = "false") boolean billable, RedirectAttributes flash) {
		PageForms.attempt(flash,
				"Logged " + ((spent != null) ? spent.stripTrailingZeros().toPlainString() : "") + " hours on " + date,
				() -> this.times.create(caller, new TimeEntryChanges(userStoryId, date, spent,
						PageForms.optional(description), billable, null)));
		return "redirect:/times" + ((date != null) ? "?week=" + date : "");
	}

	@PostMapping("/timer")
	String startTimer(Caller caller, @RequestParam(required = false) Long userStoryId,
			@RequestParam(required = false) String description, @RequestParam(defaultValue = "false") boolean billable,
			@RequestParam(required = false) String timeZone, RedirectAttributes flash) {
		AtomicReference<TimerService.Started> started = new AtomicReference<>();
		if (PageForms
			.attempt(flash, "Timer started",
					() -> started.set(this.timers.start(caller, new TimerStart(userStoryId,
							PageForms.optional(description), billable, PageForms.optional(timeZone)))))
				&& started.get().stopped() != null) {
			TimeEntry stopped = started.get().stopped();
			flash.addFlashAttribute("success", "Timer started; the one running was stopped and logged "
					+ stopped.spent().toPlainString() + " hours on " + stopped.date());
		}
		return "redirect:/times";
	}

	@PostMapping("/timer/{id}/stop")
	String stopTimer(Caller caller, @PathVariable long id, RedirectAttributes flash) {
		AtomicReference<TimeEntry> entry = new AtomicReference<>();
		if (PageForms.attempt(flash, "Timer stopped", () -> entry.set(this.timers.stop(caller, id)))) {
			flash.addFlashAttribute("success",
					"Timer stopped: logged " + entry.get().spent().toPlainString() + " hours on " + entry.get().date());
		}
		return "redirect:/times";
	}

	@PostMapping("/timer/{id}/discard")
	String discardTimer(Caller caller, @PathVariable long id, RedirectAttributes flash) {
		PageForms.attempt(flash, "Timer discarded; nothing was logged", () -> this.timers.discard(caller, id));
		return "redirect:/times";
	}

	@PostMapping("/timer/dismiss")
	String dismissServerStop(Caller caller) {
		this.timers.dismissServerStop(caller);
		return "redirect:/times";
	}

	/**
	 * A duration as the page shows it: {@code 1:05:09}.
	 */
	static String clock(Duration duration) {
		long seconds = duration.getSeconds();
		return String.format("%d:%02d:%02d", seconds / 3600, (seconds % 3600) / 60, seconds % 60);
	}

	@PostMapping("/{id}/delete")
	String delete(Caller caller, @PathVariable long id, RedirectAttributes flash) {
		TimeEntry entry = this.times.get(caller, id);
		PageForms.attempt(flash, "Deleted the entry", () -> this.times.delete(caller, id));
		return "redirect:/times?week=" + entry.date();
	}

}
