package dev.gatehouse.web;

import dev.gatehouse.authentication.CallerAuthentication;
import dev.gatehouse.identity.Caller;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page's layout needs: who is signed in (to show the administration menu and
 * the sign-out button).
 */
@ControllerAdvice(annotations = Controller.class)
class PageModel {

	@ModelAttribute("signedIn")
	Caller signedIn() {
		if (SecurityContextHolder.getContext().getAuthentication() instanceof CallerAuthentication authentication) {
			return authentication.caller();
		}
		return null;
	}

}
