package dev.gatehouse.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import dev.gatehouse.api.ApiErrorWriter;
import dev.gatehouse.system.AccessRefusedException;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriUtils;

/**
 * Every error that no controller answered (unknown paths, wrong methods or media types,
 * oversized requests): in the API format for {@code /api} paths, as a page otherwise.
 * Never a stack trace.
 */
@PageController
class ErrorPageController implements ErrorController {

	private final ApiErrorWriter apiErrors;

	ErrorPageController(ApiErrorWriter apiErrors) {
		this.apiErrors = apiErrors;
	}

	@RequestMapping("/error")
	ModelAndView error(HttpServletRequest request, HttpServletResponse response) throws IOException {
		HttpStatus status = status(request);
		if (isApiPath(request)) {
			this.apiErrors.write(request, response, status, message(status));
			return null;
		}
		ModelAndView page = new ModelAndView("web/error");
		page.setStatus(status);
		page.addObject("status", status.value());
		page.addObject("message",
				isRequesterRefusal(request, status) ? AccessRefusedException.REQUESTER_REFUSED : message(status));
		return page;
	}

	/**
	 * Whether the failed request was for the API, judged on the decoded path in any case,
	 * as the security chains and controllers judge it.
	 */
	static boolean isApiPath(HttpServletRequest request) {
		return isApiPath(String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI)),
				request.getContextPath());
	}

	static boolean isApiPath(String uri, String contextPath) {
		String path = UriUtils
			.decode(uri.substring(Math.min(uri.length(), contextPath.length())), StandardCharsets.UTF_8)
			.toLowerCase(Locale.ROOT);
		return path.equals("/api") || path.startsWith("/api/");
	}

	/**
	 * Whether the page was refused because a requester asked for work data: they are told
	 * why, not only that they may not.
	 */
	private static boolean isRequesterRefusal(HttpServletRequest request, HttpStatus status) {
		return status == HttpStatus.FORBIDDEN && AccessRefusedException.REQUESTER_REFUSED
			.equals(request.getAttribute(RequestDispatcher.ERROR_MESSAGE));
	}

	private static HttpStatus status(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		if (code == null) {
			// /error asked for directly: no error happened, and there is nothing there.
			return HttpStatus.NOT_FOUND;
		}
		HttpStatus status = (code instanceof Integer value) ? HttpStatus.resolve(value) : null;
		return (status != null) ? status : HttpStatus.INTERNAL_SERVER_ERROR;
	}

	private static String message(HttpStatus status) {
		return switch (status) {
			case NOT_FOUND -> "There is nothing at this address";
			case METHOD_NOT_ALLOWED -> "This address does not accept the request method";
			case UNSUPPORTED_MEDIA_TYPE -> "Send the request body as application/json or application/xml";
			case NOT_ACCEPTABLE -> "This resource answers in application/xml or application/json";
			case CONTENT_TOO_LARGE -> "The request is larger than allowed";
			case BAD_REQUEST -> "The request is malformed";
			case FORBIDDEN -> "You do not have access to this page";
			default -> status.is5xxServerError() ? "Something went wrong on the server; it has been logged"
					: status.getReasonPhrase();
		};
	}

}
