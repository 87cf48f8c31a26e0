package dev.gatehouse.home;

import dev.gatehouse.identity.Caller;
import dev.gatehouse.user.UserDirectory.UserAccess;
import dev.gatehouse.user.UserDirectory;
import dev.gatehouse.web.PageController;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.SmartView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * What every page's layout needs: who is signed in (to show the administration menu and
 * the sign-out button), added to the model of each page a {@link PageController} renders.
 * <p>
 * An interceptor rather than
 * {@code @ControllerAdvice(annotations = PageController.class)}: Spring MVC tests such an
 * advice's annotation on every request, API requests included, and that search cost 3% of
 * a token request (docs/performance.md). Here the answer is kept per controller class.
 */
@Component
class PageModel implements HandlerInterceptor, WebMvcConfigurer {

	private static final ClassValue<Boolean> PAGES = new ClassValue<>() {

		@Override
		protected Boolean computeValue(Class<?> type) {
			return AnnotatedElementUtils.hasAnnotation(type, PageController.class);
		}

	};

	private final UserDirectory users;

	PageModel(UserDirectory users) {
		this.users = users;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this);
	}

	@Override
	public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
			ModelAndView page) {
		if (page == null || !(handler instanceof HandlerMethod method) || !PAGES.get(method.getBeanType())
				|| isRedirect(page)) {
			return;
		}
		Caller caller = signedIn();
		page.addObject("signedIn", caller);
		page.addObject("mayUseAccessTokens", mayUseAccessTokens(caller));
	}

	/**
	 * Whether to show <i>Settings → Authentication and security</i>: only to users whose
	 * default role allows access tokens (SPEC §4.1).
	 */
	private boolean mayUseAccessTokens(Caller caller) {
		return caller != null && !caller.isRequester()
				&& this.users.find(caller.userId()).map(UserAccess::mayUseAccessTokens).orElse(false);
	}

	private static Caller signedIn() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication != null && authentication.getPrincipal() instanceof Caller caller) ? caller : null;
	}

	/** A redirect's model becomes its query string: nothing to add there. */
	private static boolean isRedirect(ModelAndView page) {
		String name = page.getViewName();
		return (name != null && name.startsWith("redirect:"))
				|| (page.getView() instanceof SmartView view && view.isRedirectView());
	}

}
