package dev.gatehouse;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver as a user would write one: an HTTP server on a free port that
 * verifies each request's Standard Webhooks signature with the secret Gatehouse showed,
 * answers 204 if it holds (or the status it is told to), and keeps what it received.
 */
public final class TestWebhookReceiver implements AutoCloseable {

	private final HttpServer server;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private volatile String secret;

	private volatile Clock clock = Clock.systemUTC();

	private volatile int status = 204;

	private TestWebhookReceiver(HttpServer server) {
		this.server = server;
	}

	public static TestWebhookReceiver start() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		TestWebhookReceiver receiver = new TestWebhookReceiver(server);
		server.createContext("/hooks", (exchange) -> {
			String body;
			try (InputStream in = exchange.getRequestBody()) {
				body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			String id = exchange.getRequestHeaders().getFirst("webhook-id");
			String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
			String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
			boolean verified = receiver.verify(id, timestamp, signature, body);
			receiver.received.add(new Received(id, body, verified));
			exchange.sendResponseHeaders(verified ? receiver.status : 401, -1);
			exchange.close();
		});
		server.start();
		return receiver;
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/hooks";
	}

	/**
	 * The secret to check signatures with, as Gatehouse showed it ({@code whsec_...}).
	 */
	public void trust(String secret) {
		this.secret = secret;
	}

	/**
	 * Checks timestamps against this clock: the test server's, when a test moves it.
	 */
	public void clock(Clock clock) {
		this.clock = clock;
	}

	/** Answers this status to verified requests from now on. */
	public void answer(int status) {
		this.status = status;
	}

	public List<Received> received() {
		return List.copyOf(this.received);
	}

	/**
	 * What was received, once at least this many requests came or ten seconds passed:
	 * Gatehouse posts off the request that caused the event.
	 */
	public List<Received> awaitReceived(int count) {
		long deadline = System.nanoTime() + 10_000_000_000L;
		while (this.received.size() < count && System.nanoTime() < deadline) {
			pause();
		}
		return received();
	}

	public static void pause() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The check from docs/webhooks.md: HMAC-SHA256 of {@code id.timestamp.body} under the
	 * decoded secret, compared in constant time, and a timestamp within five minutes.
	 */
	private boolean verify(String id, String timestamp, String signature, String body) {
		if (this.secret == null || id == null || timestamp == null || signature == null
				|| Math.abs(this.clock.instant().getEpochSecond() - Long.parseLong(timestamp)) > 300) {
			return false;
		}
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(Base64.getDecoder().decode(this.secret.substring("whsec_".length())),
					"HmacSHA256"));
			byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
			for (String candidate : signature.split(" ")) {
				if (candidate.startsWith("v1,")
						&& MessageDigest.isEqual(expected, Base64.getDecoder().decode(candidate.substring(3)))) {
					return true;
				}
			}
			return false;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/**
	 * A request received.
	 *
	 * @param id its {@code webhook-id}
	 * @param body its body
	 * @param verified whether its signature held
	 */
	public record Received(String id, String body, boolean verified) {
	}

}
