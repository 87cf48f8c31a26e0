package dev.gatehouse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import openid.TestOpenIdProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real HTTP client for the running server, as scripts and browsers use it: Basic
 * credentials, a cookie jar for page sessions, and the CSRF token read from pages.
 * Immutable settings are copied on change, so one client can branch into variants.
 */
public final class ApiClient {

	private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

	private static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final int port;

	private final HttpClient http;

	private final CookieManager cookies;

	private final Map<String, String> headers;

	/** A query parameter added to every request, such as {@code token=…}, or null. */
	private final String query;

	private ApiClient(int port, HttpClient http, CookieManager cookies, Map<String, String> headers) {
		this(port, http, cookies, headers, null);
	}

	private ApiClient(int port, HttpClient http, CookieManager cookies, Map<String, String> headers, String query) {
		this.port = port;
		this.http = http;
		this.cookies = cookies;
		this.headers = headers;
		this.query = query;
	}

	public ApiClient(int port) {
		this(port, new CookieManager());
	}

	private ApiClient(int port, CookieManager cookies) {
		this(port, HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build(),
				cookies, new LinkedHashMap<>(Map.of("X-Forwarded-For", randomAddress())));
	}

	/**
	 * The same client, cookies and headers included, talking to another server node.
	 */
	public ApiClient onPort(int otherPort) {
		return new ApiClient(otherPort, this.http, this.cookies, this.headers, this.query);
	}

	/**
	 * The same client adding a query parameter to every request.
	 */
	public ApiClient query(String name, String value) {
		return new ApiClient(this.port, this.http, this.cookies, this.headers, encode(name) + "=" + encode(value));
	}

	/**
	 * The same client with a header added or replaced.
	 */
	public ApiClient header(String name, String value) {
		Map<String, String> copy = new LinkedHashMap<>(this.headers);
		copy.put(name, value);
		return new ApiClient(this.port, this.http, this.cookies, copy, this.query);
	}

	public ApiClient withoutHeader(String name) {
		Map<String, String> copy = new LinkedHashMap<>(this.headers);
		copy.remove(name);
		return new ApiClient(this.port, this.http, this.cookies, copy, this.query);
	}

	public ApiClient basic(String login, String password) {
		String encoded = Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
		return header("Authorization", "Basic " + encoded);
	}

	public ApiClient json() {
		return header("Accept", "application/json");
	}

	public ApiClient from(String address) {
		return header("X-Forwarded-For", address);
	}

	public String address() {
		return this.headers.get("X-Forwarded-For");
	}

	public ApiResponse get(String path) {
		return send(request(path).GET());
	}

	public ApiResponse delete(String path) {
		return send(request(path).DELETE());
	}

	public ApiResponse postJson(String path, String json) {
		return send(request(path).header("Content-Type", "application/json").POST(BodyPublishers.ofString(json)));
	}

	public ApiResponse postXml(String path, String xml) {
		return send(request(path).header("Content-Type", "application/xml").POST(BodyPublishers.ofString(xml)));
	}

	public ApiResponse post(String path, String contentType, String body) {
		return send(request(path).header("Content-Type", contentType).POST(BodyPublishers.ofString(body)));
	}

	public ApiClient bearer(String token) {
		return header("Authorization", "Bearer " + token);
	}

	public ApiResponse postBytes(String path, String contentType, byte[] body) {
		return send(request(path).header("Content-Type", contentType).POST(BodyPublishers.ofByteArray(body)));
	}

	/**
	 * Posts a body of unknown length (chunked), as a stream from a pipe or a script
	 * would.
	 */
	public ApiResponse postStream(String path, String contentType, byte[] body) {
		return send(request(path).header("Content-Type", contentType)
			.POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
	}

	/**
	 * Posts {@code multipart/form-data}: the fields, then one file part.
	 */
	public ApiResponse postMultipart(String path, Map<String, String> fields, String filePart, String fileName,
			byte[] content) {
		String boundary = "----gatehouse-test-" + System.nanoTime();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		fields.forEach((name, value) -> body.writeBytes(
				("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
					.getBytes(StandardCharsets.UTF_8)));
		if (filePart != null) {
			body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + filePart
					+ "\"; filename=\"" + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
				.getBytes(StandardCharsets.UTF_8));
			body.writeBytes(content);
			body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
		}
		body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return postBytes(path, "multipart/form-data; boundary=" + boundary, body.toByteArray());
	}

	/**
	 * A download, as bytes.
	 */
	public byte[] download(String path) {
		HttpRequest.Builder request = request(path).GET();
		try {
			HttpResponse<byte[]> response = this.http.send(request.build(), BodyHandlers.ofByteArray());
			assertThat(response.statusCode()).as(path).isEqualTo(200);
			return response.body();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public ApiResponse method(String method, String path) {
		return send(request(path).method(method, BodyPublishers.noBody()));
	}

	/**
	 * Any method with a body.
	 */
	public ApiResponse send(String method, String path, String contentType, String body) {
		return send(request(path).header("Content-Type", contentType).method(method, BodyPublishers.ofString(body)));
	}

	/**
	 * Posts a form as a browser does, with the CSRF token of the page it came from.
	 */
	public ApiResponse submitForm(String path, String csrfToken, Map<String, String> fields) {
		Map<String, String> all = new LinkedHashMap<>(fields);
		if (csrfToken != null) {
			all.put("_csrf", csrfToken);
		}
		String body = all.entrySet()
			.stream()
			.map((entry) -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
			.collect(Collectors.joining("&"));
		return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString(body)));
	}

	/**
	 * Signs in through the login form, keeping the session cookie in this client.
	 * @return the answer to the login form
	 */
	public ApiResponse signIn(String login, String password) {
		String token = csrfToken(get("/login"));
		return submitForm("/login", token, Map.of("username", login, "password", password));
	}

	/**
	 * Signs in through an identity provider (single sign-on), keeping the session cookie
	 * in this client: Gatehouse's redirect to the provider, its login form, the way back.
	 * @param provider the provider, with a client whose redirect URI is on
	 * {@code localhost} and this port
	 * @param registrationId the provider's registration in Gatehouse
	 * @return this client
	 */
	public ApiClient signInThrough(TestOpenIdProvider.Running provider, String registrationId, String user,
			String password) {
		try {
			HttpResponse<String> toProvider = this.http.send(request("/oauth2/authorization/" + registrationId).build(),
					BodyHandlers.ofString());
			String callback = provider.signIn(this.http, toProvider.headers().firstValue("Location").orElseThrow(),
					user, password);
			HttpResponse<String> home = this.http.send(HttpRequest.newBuilder(URI.create(callback)).build(),
					BodyHandlers.ofString());
			if (home.statusCode() != 302 || home.headers().firstValue("Location").orElse("").contains("sso=")) {
				throw new IllegalStateException("Single sign-on refused: " + home.headers().map());
			}
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The session cookie's value, or {@code null} without one.
	 */
	public String sessionCookie() {
		return this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals("SESSION"))
			.map(java.net.HttpCookie::getValue)
			.findFirst()
			.orElse(null);
	}

	public boolean hasSessionCookie() {
		return this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.anyMatch((cookie) -> cookie.getName().equals("SESSION"));
	}

	/**
	 * The CSRF token a page carries, in its meta tag or a form.
	 */
	public static String csrfToken(ApiResponse page) {
		Matcher meta = CSRF_META.matcher(page.body());
		if (meta.find()) {
			return meta.group(1);
		}
		Matcher input = CSRF_INPUT.matcher(page.body());
		if (input.find()) {
			return input.group(1);
		}
		throw new AssertionError("No CSRF token on the page:\n" + page.body());
	}

	private HttpRequest.Builder request(String path) {
		String target = (this.query == null) ? path : path + (path.contains("?") ? "&" : "?") + this.query;
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + target));
		this.headers.forEach(builder::header);
		return builder;
	}

	private ApiResponse send(HttpRequest.Builder request) {
		try {
			return new ApiResponse(this.http.send(request.build(), BodyHandlers.ofString()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static String randomAddress() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
	}

}
