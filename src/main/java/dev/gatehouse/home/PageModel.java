package dev.gatehouse.home;

import dev.gatehouse.identity.Caller;
import dev.gatehouse.user.UserDirectory.UserAccess;
import dev.gatehouse.user.UserDirectory;
import dev.gatehouse.web.PageController;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page's layout needs: who is signed in (to show the administration menu and
 * the sign-out button).
 */
@ControllerAdvice(annotations = PageController.class)
class PageModel {

	private final UserDirectory users;

	PageModel(UserDirectory users) {
		this.users = users;
	}

	/**
	 * Whether to show <i>Settings → Authentication and security</i>: only to users whose
	 * default role allows access tokens (SPEC §4.1).
	 */
	@ModelAttribute("mayUseAccessTokens")
	boolean mayUseAccessTokens() {
		Caller caller = signedIn();
		return caller != null && !caller.isRequester()
				&& this.users.find(caller.userId()).map(UserAccess::mayUseAccessTokens).orElse(false);
	}

	@ModelAttribute("signedIn")
	Caller signedIn() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication != null && authentication.getPrincipal() instanceof Caller caller) ? caller : null;
	}

}
