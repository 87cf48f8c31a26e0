package dev.gatehouse.pairing;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets pairing requests a day after their codes expired, every hour, on one node.
 */
@Component
class PairingRetention {

	private final DevicePairing pairing;

	PairingRetention(DevicePairing pairing) {
		this.pairing = pairing;
	}

	@Scheduled(initialDelayString = "PT2M", fixedDelayString = "PT1H")
	@SchedulerLock(name = "pairing-retention", lockAtMostFor = "PT30M")
	public void forget() {
		this.pairing.forgetExpired();
	}

}
