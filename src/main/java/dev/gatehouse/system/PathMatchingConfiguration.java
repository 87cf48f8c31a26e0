package dev.gatehouse.system;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.UrlHandlerFilter;
import org.springframework.web.servlet.config.annotation.PathMatchConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * API paths are case-insensitive and accept a trailing slash (SPEC §7.1), as
 * Targetprocess's do. One parser serves both Spring MVC and the security chains, so a
 * path is always judged by the chain of the controller it reaches.
 */
@Configuration(proxyBeanMethods = false)
class PathMatchingConfiguration implements WebMvcConfigurer {

	private final PathPatternParser parser = caseInsensitive();

	@Bean
	PathPatternParser gatehousePathPatternParser() {
		return this.parser;
	}

	@Override
	public void configurePathMatch(PathMatchConfigurer configurer) {
		configurer.setPatternParser(this.parser);
	}

	/**
	 * Trims a trailing slash before anything else sees the path, security included. Only
	 * a path that ends with one goes through Spring's filter, which parses every path it
	 * is given (2% of a token request, docs/performance.md).
	 */
	@Bean
	FilterRegistrationBean<Filter> trailingSlashFilter() {
		UrlHandlerFilter trailingSlash = UrlHandlerFilter.trailingSlashHandler("/**").wrapRequest().build();
		Filter filter = (request, response, chain) -> {
			if (request instanceof HttpServletRequest http && http.getRequestURI().endsWith("/")) {
				trailingSlash.doFilter(request, response, chain);
			}
			else {
				chain.doFilter(request, response);
			}
		};
		FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
		registration.setName("trailingSlashFilter");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	private static PathPatternParser caseInsensitive() {
		PathPatternParser parser = new PathPatternParser();
		parser.setCaseSensitive(false);
		return parser;
	}

}
