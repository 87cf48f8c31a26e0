package dev.gatehouse.system;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.actuate.endpoint.web.AbstractWebMvcEndpointHandlerMapping;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Keeps Spring Boot's management machinery off the path of requests that are not for it.
 * Each of the two settings below was measured on a token request (docs/performance.md).
 */
@Configuration(proxyBeanMethods = false)
class ManagementWebConfiguration {

	/**
	 * The application's routes are matched before Actuator's. Boot puts Actuator's first,
	 * and its mapping, which has no direct-path index for a path that is not its own,
	 * tried every endpoint's media types and patterns on every API request (6% of a token
	 * request). Gatehouse has no catch-all route that could shadow {@code /actuator/**}.
	 */
	@Bean
	static BeanPostProcessor actuatorRoutesAfterApplicationRoutes() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof AbstractWebMvcEndpointHandlerMapping actuator) {
					actuator.setOrder(1);
				}
				return bean;
			}

		};
	}

	/**
	 * No request observation filter while the request timer is off
	 * ({@code management.observations.enable.http.server.requests=false}, the default
	 * here): it would still open and close a no-op observation on every request.
	 */
	@Bean
	static BeanPostProcessor requestObservationOnlyWhenTimed(Environment environment) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof FilterRegistrationBean<?> registration
						&& registration.getFilter() instanceof ServerHttpObservationFilter && !environment
							.getProperty("management.observations.enable.http.server.requests", Boolean.class, true)) {
					registration.setEnabled(false);
				}
				return bean;
			}

		};
	}

}
