package dev.gatehouse.api;

import java.util.List;

import dev.gatehouse.query.CollectionParameters;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets API controllers take {@link CollectionParameters} as an argument, and caps API
 * request bodies.
 */
@Configuration(proxyBeanMethods = false)
class ApiWebConfiguration implements WebMvcConfigurer {

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new CollectionParametersResolver());
	}

	/**
	 * After the security filters (order -100): only authenticated requests get this far.
	 */
	@Bean
	FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(
			@Value("${gatehouse.api.max-body-bytes:1048576}") long maxBodyBytes, ApiErrorWriter errors) {
		FilterRegistrationBean<RequestBodyLimit> registration = new FilterRegistrationBean<>(
				new RequestBodyLimit(maxBodyBytes, errors));
		// Every path: servlet URL patterns are case-sensitive, Gatehouse's paths are not.
		registration.addUrlPatterns("/*");
		registration.setOrder(0);
		return registration;
	}

}
