package dev.gatehouse.api;

import java.io.IOException;
import java.util.Locale;

import dev.gatehouse.system.PayloadTooLargeException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps request bodies (413), whether their length is declared or they arrive chunked, so
 * that no caller makes the server buffer an unbounded JSON or XML body. Snapshot uploads
 * ({@code application/octet-stream}, {@code multipart/form-data}) keep their own, larger
 * limit. It runs after authentication, so a caller without credentials learns nothing but
 * 401.
 */
final class RequestBodyLimit extends OncePerRequestFilter {

	private final long maxBytes;

	private final ApiErrorWriter errors;

	RequestBodyLimit(long maxBytes, ApiErrorWriter errors) {
		this.maxBytes = maxBytes;
		this.errors = errors;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String contentType = String.valueOf(request.getContentType()).toLowerCase(Locale.ROOT);
		return contentType.startsWith("application/octet-stream") || contentType.startsWith("multipart/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > this.maxBytes) {
			this.errors.write(request, response, HttpStatus.CONTENT_TOO_LARGE, message());
			return;
		}
		chain.doFilter(new Bounded(request), response);
	}

	private String message() {
		return "The request body is larger than " + this.maxBytes + " bytes";
	}

	/**
	 * The request, whose body stream refuses to read past the limit.
	 */
	private final class Bounded extends HttpServletRequestWrapper {

		private ServletInputStream stream;

		Bounded(HttpServletRequest request) {
			super(request);
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new CountingStream(super.getInputStream());
			}
			return this.stream;
		}

	}

	private final class CountingStream extends ServletInputStream {

		private final ServletInputStream body;

		private long read;

		CountingStream(ServletInputStream body) {
			this.body = body;
		}

		@Override
		public int read() throws IOException {
			int next = this.body.read();
			if (next >= 0) {
				count(1);
			}
			return next;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int count = this.body.read(buffer, offset, length);
			if (count > 0) {
				count(count);
			}
			return count;
		}

		private void count(int bytes) {
			this.read += bytes;
			if (this.read > RequestBodyLimit.this.maxBytes) {
				// Unchecked, so that the body parser passes it on to the API's error
				// handler as it is.
				throw new PayloadTooLargeException(message());
			}
		}

		@Override
		public boolean isFinished() {
			return this.body.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.body.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.body.setReadListener(listener);
		}

	}

}
