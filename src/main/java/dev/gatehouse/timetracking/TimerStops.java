package dev.gatehouse.timetracking;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every minute, on one node at a time, the stops nobody asked for
 * ({@link TimerService#stopAutomatically()}). The timer row is taken by one conditional
 * delete, so even two nodes running this at once stop a timer once.
 */
@Component
public class TimerStops {

	private static final Logger logger = LoggerFactory.getLogger(TimerStops.class);

	private final TimerService timers;

	TimerStops(TimerService timers) {
		this.timers = timers;
	}

	@Scheduled(initialDelayString = "${gatehouse.timers.check-interval:PT1M}",
			fixedDelayString = "${gatehouse.timers.check-interval:PT1M}")
	@SchedulerLock(name = "timer-stops", lockAtMostFor = "PT10M")
	public void run() {
		int stopped = this.timers.stopAutomatically();
		if (stopped > 0) {
			logger.info("Stopped {} timers", stopped);
		}
	}

}
