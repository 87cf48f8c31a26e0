package dev.gatehouse.pairing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.gatehouse.system.TooManyRequestsException;
import dev.gatehouse.token.Network;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How often codes may be asked for and typed (RFC 8628 §5.1, §5.2): apps ask for codes
 * without any credential, so per address; users type codes, so per user and per address,
 * which keeps guessing a live code out of reach. Per node, like the other limits of
 * anonymous endpoints.
 */
@Component
class PairingLimits {

	private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
		.maximumSize(100_000)
		.expireAfterAccess(Duration.ofMinutes(10))
		.build();

	private final int requestsPerMinute;

	private final int guessesPerMinute;

	PairingLimits(@Value("${gatehouse.pairing.requests-per-minute:10}") int requestsPerMinute,
			@Value("${gatehouse.pairing.code-attempts-per-minute:10}") int guessesPerMinute) {
		if (requestsPerMinute < 1 || guessesPerMinute < 1) {
			throw new IllegalStateException("gatehouse.pairing limits must be at least 1 per minute");
		}
		this.requestsPerMinute = requestsPerMinute;
		this.guessesPerMinute = guessesPerMinute;
	}

	void takeRequest(String address) {
		take("request:" + network(address), this.requestsPerMinute,
				"Too many pairing requests from this address; try again later");
	}

	void takeGuess(long userId, String address) {
		String message = "Too many codes typed; wait a minute and try again";
		take("user:" + userId, this.guessesPerMinute, message);
		// An address may hold several users; each still gets few guesses.
		take("address:" + network(address), this.guessesPerMinute * 3, message);
	}

	/**
	 * An IPv6 client holds a whole network of addresses: counted per /48.
	 */
	private static String network(String address) {
		return (address != null && address.contains(":")) ? Network.of(address).orElse(address)
				: String.valueOf(address);
	}

	private void take(String key, int perMinute, String message) {
		Bucket bucket = this.buckets.get(key, (missing) -> Bucket.builder()
			.addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
			.build());
		ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
		if (!probe.isConsumed()) {
			throw new TooManyRequestsException(message,
					TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
		}
	}

}
