package dev.gatehouse.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import dev.gatehouse.api.ApiErrorWriter;
import dev.gatehouse.system.DatabaseOutage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * Outside every other filter (sessions, security, the API's): a request that failed
 * because the database cannot be reached is answered 503 with {@code Retry-After}, in the
 * API's error body for {@code /api} and as a short page otherwise, never as a 500 or a
 * stack trace. Whatever the failure interrupted was not confirmed by the database, so
 * nothing was accepted: a credential that needed a look-up is neither accepted nor
 * refused for good, a write's transaction is rolled back. An answer already under way (a
 * long export) cannot be taken back; its connection is closed.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseOutageFilter extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(DatabaseOutageFilter.class);

	/** The least time between two log lines about answers given during an outage. */
	private static final long LOG_INTERVAL_NANOS = 10_000_000_000L;

	private static final String PAGE = """
			<!DOCTYPE html>
			<html lang="en">
			<head><meta charset="utf-8"><title>Gatehouse: briefly unavailable</title>
			<link rel="stylesheet" href="/css/gatehouse.css"></head>
			<body><main id="main" class="narrow">
			<h1>Briefly unavailable</h1>
			<p>%s.</p>
			<p><a href="">Try again</a></p>
			</main></body>
			</html>
			""".formatted(HtmlUtils.htmlEscape(DatabaseOutage.MESSAGE));

	private final ApiErrorWriter apiErrors;

	private final Counter answered;

	private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);

	DatabaseOutageFilter(ApiErrorWriter apiErrors, MeterRegistry meters) {
		this.apiErrors = apiErrors;
		this.answered = Counter.builder("gatehouse.database.unavailable")
			.description("Requests answered 503 because the database could not be reached")
			.register(meters);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (ServletException | IOException | RuntimeException ex) {
			if (!DatabaseOutage.causedBy(ex) || response.isCommitted()) {
				throw ex;
			}
			log(ex);
			answer(request, response);
		}
	}

	private void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
		this.answered.increment();
		response.reset();
		response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseOutage.RETRY_AFTER_SECONDS));
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setHeader("X-Content-Type-Options", "nosniff");
		if (ErrorPageController.isApiPath(request.getRequestURI(), request.getContextPath())) {
			this.apiErrors.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, DatabaseOutage.MESSAGE);
			return;
		}
		response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
		response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'self'");
		response.setContentType(MediaType.TEXT_HTML_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write(PAGE);
	}

	private void log(Exception ex) {
		long now = System.nanoTime();
		long last = this.lastLogged.get();
		if (now - last >= LOG_INTERVAL_NANOS && this.lastLogged.compareAndSet(last, now)) {
			logger.warn("Answering 503 while the database is unreachable ({}); said at most every 10 s",
					rootMessage(ex));
		}
		logger.debug("Answered 503: the database is unreachable", ex);
	}

	private static String rootMessage(Throwable failure) {
		Throwable root = failure;
		// Bounded, like DatabaseOutage's walk: causes may loop back.
		for (int depth = 0; depth < 20 && root.getCause() != null && root.getCause() != root; depth++) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

}
