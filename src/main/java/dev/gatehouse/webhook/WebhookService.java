package dev.gatehouse.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.gatehouse.audit.AuditAction;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.identity.Caller;
import dev.gatehouse.system.AfterCommit;
import dev.gatehouse.system.InvalidRequestException;
import dev.gatehouse.system.LocalAddresses;
import dev.gatehouse.system.NotFoundException;
import dev.gatehouse.token.ServerKeys;
import jakarta.annotation.PreDestroy;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Webhooks (issue 16): administrators register an address; events are posted to every one
 * as JSON, signed with its own secret, shown once at registration and derived from a
 * server key whenever needed, so that it is never stored. A failed post is retried after
 * 1, 5, 30 minutes, 2 and 6 hours, then given up; every delivery is logged. An address on
 * this machine or the local network is refused when registered and again before each
 * post, unless {@code GATEHOUSE_WEBHOOKS_ALLOW_LOCAL_ADDRESSES=true}; redirects are never
 * followed.
 */
@Service
public class WebhookService {

	private static final Logger logger = LoggerFactory.getLogger(WebhookService.class);

	static final int MAX_WEBHOOKS = 20;

	private static final int MAX_URL = 2000;

	private static final List<Duration> BACKOFF = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
			Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(6));

	/**
	 * How long an attempt holds its delivery before another node may try it: well past
	 * the longest attempt (10 s to connect, 10 s for the answer's head; its body is never
	 * read).
	 */
	private static final Duration LEASE = Duration.ofMinutes(5);

	/** Deliveries one run attempts at most. */
	private static final int PER_RUN = 50;

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String KEY_NAME = "webhook-secrets";

	private final JdbcWebhookRepository webhooks;

	private final ServerKeys keys;

	private final AuditLog audit;

	private final Clock clock;

	private final boolean allowLocal;

	private final SecureRandom random = new SecureRandom();

	/** Posts right after an event commits, off the thread that published it. */
	private final ExecutorService posting = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "webhook-posts");
		thread.setDaemon(true);
		return thread;
	});

	private final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(TIMEOUT)
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	WebhookService(JdbcWebhookRepository webhooks, ServerKeys keys, AuditLog audit, Clock clock,
			@Value("${gatehouse.webhooks.allow-local-addresses:false}") boolean allowLocal) {
		this.webhooks = webhooks;
		this.keys = keys;
		this.audit = audit;
		this.clock = clock;
		this.allowLocal = allowLocal;
	}

	/**
	 * Registers a webhook.
	 * @param caller an administrator
	 * @param url where to post
	 * @return the webhook and its signing secret, shown this once
	 */
	public Registered register(Caller caller, String url) {
		caller.requireAdministrator("manage webhooks");
		String checked = checked(url);
		if (this.webhooks.findAll().size() >= MAX_WEBHOOKS) {
			throw new InvalidRequestException("At most " + MAX_WEBHOOKS + " webhooks");
		}
		byte[] nonce = new byte[16];
		this.random.nextBytes(nonce);
		String nonceText = HexFormat.of().formatHex(nonce);
		long id = this.webhooks.insert(checked, nonceText, this.clock.instant());
		// The path or query of a hook address often holds its own secret: only the host
		// is
		// audited.
		this.audit.record(AuditAction.SETTINGS_CHANGED, caller, null, null, "webhook #" + id + " added: "
				+ URI.create(checked).getScheme() + "://" + URI.create(checked).getHost());
		Webhook webhook = this.webhooks.findAll()
			.stream()
			.filter((found) -> found.id() == id)
			.findFirst()
			.orElseThrow();
		return new Registered(webhook, WebhookSignature.secret(key(id, nonceText)));
	}

	public List<Webhook> list(Caller caller) {
		caller.requireAdministrator("see webhooks");
		return this.webhooks.findAll();
	}

	public void delete(Caller caller, long id) {
		caller.requireAdministrator("manage webhooks");
		if (this.webhooks.delete(id) == 0) {
			throw NotFoundException.of("Webhook", id);
		}
		this.audit.record(AuditAction.SETTINGS_CHANGED, caller, null, null, "webhook #" + id + " removed");
	}

	/**
	 * A webhook's latest deliveries, newest first.
	 */
	public List<WebhookDelivery> deliveries(Caller caller, long id) {
		caller.requireAdministrator("see webhooks");
		if (this.webhooks.nonce(id).isEmpty()) {
			throw NotFoundException.of("Webhook", id);
		}
		return this.webhooks.deliveries(id, 50);
	}

	/**
	 * Queues an event for every webhook, in the caller's transaction; it is posted once
	 * that commits, on a thread of its own, and later again where it fails.
	 * @param event the event type, e.g. {@code token.expiry_digest}
	 * @param data the event's {@code data}, as JSON
	 * @return how many webhooks it goes to
	 */
	public int publish(String event, String data) {
		List<Webhook> all = this.webhooks.findAll();
		Instant now = this.clock.instant();
		for (Webhook webhook : all) {
			String messageId = "msg_" + UUID.randomUUID().toString().replace("-", "");
			String payload = "{\"type\":\"" + event + "\",\"timestamp\":\"" + now + "\",\"data\":" + data + "}";
			this.webhooks.insertDelivery(webhook.id(), messageId, event, payload, now);
		}
		if (!all.isEmpty()) {
			AfterCommit.run(() -> this.posting.execute(this::attemptDueHere));
		}
		return all.size();
	}

	/**
	 * Retries the deliveries that are due, on one node at a time.
	 */
	@Scheduled(initialDelayString = "PT30S", fixedDelayString = "${gatehouse.webhooks.retry-interval:30s}")
	@SchedulerLock(name = "webhook-deliveries", lockAtMostFor = "PT10M")
	public void attemptDue() {
		attemptDueHere();
	}

	private void attemptDueHere() {
		for (Long id : this.webhooks.due(this.clock.instant(), PER_RUN)) {
			Instant now = this.clock.instant();
			try {
				if (this.webhooks.claim(id, now, now.plus(LEASE))) {
					this.webhooks.attempt(id).ifPresent(this::attempt);
				}
			}
			catch (RuntimeException ex) {
				// One delivery's trouble (its webhook removed meanwhile, a database
				// hiccup)
				// must not hold up the others; its lease ends and it is tried again.
				logger.warn("Webhook delivery {} not attempted: {}", id, ex.toString());
			}
		}
	}

	@PreDestroy
	void finish() throws InterruptedException {
		this.posting.shutdown();
		this.posting.awaitTermination(10, TimeUnit.SECONDS);
	}

	private void attempt(JdbcWebhookRepository.Attempt attempt) {
		int attempts = attempt.attempts() + 1;
		Integer status = null;
		String error = null;
		try {
			String url = checked(attempt.url());
			String nonce = this.webhooks.nonce(attempt.webhookId())
				.orElseThrow(() -> new InvalidRequestException("the webhook was removed"));
			byte[] key = key(attempt.webhookId(), nonce);
			long timestamp = this.clock.instant().getEpochSecond();
			HttpRequest request = HttpRequest.newBuilder(new URI(url))
				.timeout(TIMEOUT)
				.header("Content-Type", "application/json")
				.header("User-Agent", "Gatehouse-Webhooks")
				.header("webhook-id", attempt.messageId())
				.header("webhook-timestamp", Long.toString(timestamp))
				.header("webhook-signature",
						WebhookSignature.sign(key, attempt.messageId(), timestamp, attempt.payload()))
				.POST(HttpRequest.BodyPublishers.ofString(attempt.payload()))
				.build();
			// The answer's body is never read: a receiver that trickles it holds nothing.
			HttpResponse<InputStream> response = this.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
			response.body().close();
			status = response.statusCode();
			if (status >= 200 && status < 300) {
				this.webhooks.recordAttempt(attempt.id(), attempts, "DELIVERED", null, status, null);
				return;
			}
			error = "answered " + status;
		}
		catch (InvalidRequestException | URISyntaxException | IllegalArgumentException ex) {
			error = "refused: " + ex.getMessage();
		}
		catch (IOException ex) {
			error = ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? ": " + ex.getMessage() : "");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			error = "interrupted";
		}
		boolean last = attempts > BACKOFF.size();
		String shortError = (error.length() > 300) ? error.substring(0, 300) : error;
		this.webhooks.recordAttempt(attempt.id(), attempts, last ? "FAILED" : "PENDING",
				last ? null : this.clock.instant().plus(BACKOFF.get(attempts - 1)), status, shortError);
		logger.warn("Webhook #{} delivery {} failed (attempt {}): {}", attempt.webhookId(), attempt.messageId(),
				attempts, shortError);
	}

	private byte[] key(long id, String nonce) {
		return WebhookSignature.hmac(this.keys.get(KEY_NAME), "webhook:" + id + ":" + nonce);
	}

	private String checked(String value) {
		URI uri;
		try {
			uri = new URI(value);
		}
		catch (URISyntaxException | NullPointerException ex) {
			throw new InvalidRequestException("Url must be a URL such as https://hooks.example.com/gatehouse");
		}
		String host = uri.getHost();
		if (value.length() > MAX_URL || host == null || uri.getUserInfo() != null || uri.getFragment() != null
				|| !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
			throw new InvalidRequestException("Url must be an http or https URL without user or fragment");
		}
		if (!this.allowLocal && LocalAddresses.isLocal(host)) {
			throw new InvalidRequestException("Url names a host on this machine or the local network; set"
					+ " GATEHOUSE_WEBHOOKS_ALLOW_LOCAL_ADDRESSES=true to allow one");
		}
		return value;
	}

	/**
	 * A webhook just registered, with its secret, shown this once.
	 *
	 * @param webhook the webhook
	 * @param secret its signing secret
	 */
	public record Registered(Webhook webhook, String secret) {

		@Override
		public String toString() {
			return "Registered[" + this.webhook.id() + "]";
		}

	}

}
