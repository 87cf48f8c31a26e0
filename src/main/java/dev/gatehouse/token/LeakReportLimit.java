package dev.gatehouse.token;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.gatehouse.system.TooManyRequestsException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How many leak reports an address may send: the endpoint is open to anyone, and each
 * value in a report costs a hash and maybe a lookup. Per node: with several nodes an
 * address gets that many per node, which still bounds the work. IPv6 clients are counted
 * per /48, since one holds a whole network of addresses.
 */
@Component
class LeakReportLimit {

	private final int perMinute;

	private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
		.maximumSize(100_000)
		.expireAfterAccess(Duration.ofMinutes(5))
		.build();

	LeakReportLimit(@Value("${gatehouse.tokens.leak-reports-per-minute:10}") int perMinute) {
		if (perMinute < 1) {
			throw new IllegalStateException("gatehouse.tokens.leak-reports-per-minute must be at least 1");
		}
		this.perMinute = perMinute;
	}

	/**
	 * Takes one report from the address's allowance.
	 * @param address the client address
	 * @throws TooManyRequestsException if it has none left
	 */
	void take(String address) {
		// An IPv6 client has a whole network of addresses to spread its reports over.
		String key = (address != null && address.contains(":")) ? Network.of(address).orElse(address)
				: String.valueOf(address);
		Bucket bucket = this.buckets.get(key,
				(missing) -> Bucket.builder()
					.addLimit(Bandwidth.builder()
						.capacity(this.perMinute)
						.refillGreedy(this.perMinute, Duration.ofMinutes(1))
						.build())
					.build());
		ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
		if (!probe.isConsumed()) {
			throw new TooManyRequestsException("Too many token revocation requests from this address; try again later",
					TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
		}
	}

}
