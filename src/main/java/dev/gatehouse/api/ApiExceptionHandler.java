package dev.gatehouse.api;

import java.util.Collection;
import java.util.stream.Collectors;

import dev.gatehouse.system.AccessRefusedException;
import dev.gatehouse.system.ConflictException;
import dev.gatehouse.system.InvalidRequestException;
import dev.gatehouse.system.NotFoundException;
import dev.gatehouse.system.PayloadTooLargeException;
import dev.gatehouse.system.TooManyRequestsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Maps every failure of an API controller to the API error body with the right status
 * code, in the request's format (XML unless JSON is asked for); nothing reaches the
 * caller as a stack trace.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ApiExceptionHandler.class);

	@ExceptionHandler(produces = { MediaType.APPLICATION_XML_VALUE, MediaType.APPLICATION_JSON_VALUE })
	ResponseEntity<ApiError> invalidRequest(InvalidRequestException ex) {
		return error(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	@ExceptionHandler(produces = { MediaType.APPLICATION_XML_VALUE, MediaType.APPLICATION_JSON_VALUE })
	ResponseEntity<ApiError> notFound(NotFoundException ex) {
		return error(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler(produces = { MediaType.APPLICATION_XML_VALUE, MediaType.APPLICATION_JSON_VALUE })
	ResponseEntity<ApiError> accessRefused(AccessRefusedException ex) {
		return error(HttpStatus.FORBIDDEN, ex.getMessage());
	}

	@ExceptionHandler(produces = { MediaType.APPLICATION_XML_VALUE, MediaType.APPLICATION_JSON_VALUE })
	ResponseEntity<ApiError> payloadTooLarge(PayloadTooLargeException ex) {
		return error(HttpStatus.CONTENT_TOO_LARGE, ex.getMessage());
	}

	@ExceptionHandler(produces = { MediaType.APPLICATION_XML_VALUE, MediaType.APPLICATION_JSON_VALUE })
	ResponseEntity<ApiError> unsupportedMediaType(UnsupportedMediaTypeException ex) {
		return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ex.getMessage());
	}

	@ExceptionHandler(produces = { MediaType.APPLICATION_XML_VALUE, MediaType.APPLICATION_JSON_VALUE })
	ResponseEntity<ApiError> conflict(ConflictException ex) {
		return error(HttpStatus.CONFLICT, ex.getMessage());
	}

	@ExceptionHandler(produces = { MediaType.APPLICATION_XML_VALUE, MediaType.APPLICATION_JSON_VALUE })
	ResponseEntity<ApiError> unreadableBody(HttpMessageNotReadableException ex) {
		// A body that grew past the limit while the parser read it (RequestBodyLimit).
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof PayloadTooLargeException tooLarge) {
				return payloadTooLarge(tooLarge);
			}
		}
		return error(HttpStatus.BAD_REQUEST, describeUnreadableBody(ex));
	}

	@ExceptionHandler(produces = { MediaType.APPLICATION_XML_VALUE, MediaType.APPLICATION_JSON_VALUE })
	ResponseEntity<ApiError> wrongParameterType(MethodArgumentTypeMismatchException ex) {
		return error(HttpStatus.BAD_REQUEST, "Parameter '" + ex.getName() + "' has an invalid value");
	}

	@ExceptionHandler(produces = { MediaType.APPLICATION_XML_VALUE, MediaType.APPLICATION_JSON_VALUE })
	ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException ex) {
		return error(HttpStatus.BAD_REQUEST, "Parameter '" + ex.getParameterName() + "' is required");
	}

	@ExceptionHandler(produces = { MediaType.APPLICATION_XML_VALUE, MediaType.APPLICATION_JSON_VALUE })
	ResponseEntity<ApiError> integrityViolation(DataIntegrityViolationException ex) {
		// Services check the rules first; this is the race between two writers.
		logger.info("Write refused by a database constraint: {}", ex.getMostSpecificCause().getMessage());
		return error(HttpStatus.CONFLICT, "The change conflicts with another one made at the same time; try again");
	}

	@ExceptionHandler(produces = { MediaType.APPLICATION_XML_VALUE, MediaType.APPLICATION_JSON_VALUE })
	ResponseEntity<ApiError> tooManyRequests(TooManyRequestsException ex) {
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(ex.retryAfterSeconds()))
			.body(ApiError.of(HttpStatus.TOO_MANY_REQUESTS, ex.getMessage()));
	}

	@ExceptionHandler(produces = { MediaType.APPLICATION_XML_VALUE, MediaType.APPLICATION_JSON_VALUE })
	ResponseEntity<ApiError> concurrentChange(ConcurrencyFailureException ex) {
		logger.info("Write lost a race with a concurrent one: {}", ex.getMostSpecificCause().getMessage());
		return error(HttpStatus.CONFLICT, "The change conflicts with another one made at the same time; try again");
	}

	static ResponseEntity<ApiError> error(HttpStatusCode status, String message) {
		return ResponseEntity.status(status).body(ApiError.of(status, message));
	}

	/**
	 * Names the field at fault where the parser knows it, without echoing the body.
	 */
	static String describeUnreadableBody(HttpMessageNotReadableException ex) {
		Throwable cause = ex.getMostSpecificCause();
		if (cause instanceof UnrecognizedPropertyException unknown) {
			return "Unknown or read-only field '" + unknown.getPropertyName() + "'; writable fields: "
					+ knownFields(unknown.getKnownPropertyIds());
		}
		if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
			return "Field '" + fieldPath(mismatch) + "' has a value of the wrong type";
		}
		if (cause instanceof StreamReadException || ex.getCause() instanceof StreamReadException) {
			return "The request body is not well-formed JSON or XML";
		}
		if (cause instanceof JacksonException) {
			return "The request body could not be read as this resource";
		}
		return "A request body in JSON or XML is required";
	}

	private static String knownFields(Collection<Object> known) {
		return known.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
	}

	private static String fieldPath(JacksonException ex) {
		return ex.getPath()
			.stream()
			.map((reference) -> (reference.getPropertyName() != null) ? reference.getPropertyName()
					: String.valueOf(reference.getIndex()))
			.collect(Collectors.joining("."));
	}

}
