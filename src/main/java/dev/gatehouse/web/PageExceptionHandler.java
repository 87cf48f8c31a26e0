package dev.gatehouse.web;

import dev.gatehouse.system.AccessRefusedException;
import dev.gatehouse.system.ConflictException;
import dev.gatehouse.system.InvalidRequestException;
import dev.gatehouse.system.NotFoundException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * A page whose service refuses (an unknown id in the address, a value out of range)
 * answers with the error page and the right status, not a 500. API controllers are
 * answered first by the API's own handler.
 */
@ControllerAdvice(annotations = PageController.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class PageExceptionHandler {

	@ExceptionHandler
	ModelAndView notFound(NotFoundException ex) {
		return page(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler
	ModelAndView invalid(InvalidRequestException ex) {
		return page(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	@ExceptionHandler
	ModelAndView refused(AccessRefusedException ex) {
		return page(HttpStatus.FORBIDDEN, ex.getMessage());
	}

	@ExceptionHandler
	ModelAndView conflict(ConflictException ex) {
		return page(HttpStatus.CONFLICT, ex.getMessage());
	}

	private static ModelAndView page(HttpStatus status, String message) {
		ModelAndView page = new ModelAndView("web/error");
		page.setStatus(status);
		page.addObject("status", status.value());
		page.addObject("message", message);
		return page;
	}

}
