package dev.gatehouse.reporting;

import dev.gatehouse.token.ServerKeys;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the Reporting API's servlet at {@code /odata}.
 */
@Configuration(proxyBeanMethods = false)
class ReportingConfiguration {

	@Bean
	ServletRegistrationBean<ReportingServlet> reportingServlet(JdbcReportingRepository reporting, ReportingViews views,
			ServerKeys keys, @Value("${gatehouse.reporting.page-size:1000}") int pageSize,
			@Value("${gatehouse.reporting.max-top:10000}") int maxTop) {
		ServletRegistrationBean<ReportingServlet> registration = new ServletRegistrationBean<>(
				new ReportingServlet(reporting, views, pageSize, maxTop, () -> keys.get("feed-position")), "/odata/*");
		registration.setName("reporting");
		return registration;
	}

}
