package dev.gatehouse.reporting;

import dev.gatehouse.serviceaccount.ServiceAccountService;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Registers the Reporting API's servlet at {@code /odata}.
 */
@Configuration(proxyBeanMethods = false)
class ReportingConfiguration {

	@Bean
	ServletRegistrationBean<ReportingServlet> reportingServlet(JdbcClient jdbc, ServiceAccountService serviceAccount,
			@Value("${gatehouse.reporting.page-size:1000}") int pageSize,
			@Value("${gatehouse.reporting.max-top:10000}") int maxTop) {
		ServletRegistrationBean<ReportingServlet> registration = new ServletRegistrationBean<>(
				new ReportingServlet(jdbc, serviceAccount, pageSize, maxTop), "/odata/*");
		registration.setName("reporting");
		return registration;
	}

}
