package dev.gatehouse.web;

import dev.gatehouse.system.AccessRefusedException;
import dev.gatehouse.system.ConflictException;
import dev.gatehouse.system.InvalidRequestException;
import dev.gatehouse.system.NotFoundException;

import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Runs a page form's action and carries its outcome to the next page (post, redirect,
 * get): the success message, or the rule it broke in the service's own words.
 */
public final class PageForms {

	private PageForms() {
	}

	/**
	 * Runs the action, then flashes {@code success} or the refusal's message as
	 * {@code error}.
	 * @param flash where the outcome goes
	 * @param success the message shown when the action succeeded
	 * @param action what the form asks for
	 * @return whether the action succeeded
	 */
	public static boolean attempt(RedirectAttributes flash, String success, Runnable action) {
		try {
			action.run();
			flash.addFlashAttribute("success", success);
			return true;
		}
		catch (InvalidRequestException | ConflictException | NotFoundException | AccessRefusedException ex) {
			flash.addFlashAttribute("error", ex.getMessage());
			return false;
		}
	}

	/**
	 * A form's optional text field: blank means "not given".
	 * @param value the submitted value
	 * @return the value, or {@code null}
	 */
	public static String optional(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
