package dev.gatehouse.authentication;

import java.sql.DatabaseMetaData;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * Shares the failed-login limits between nodes where there can be several (PostgreSQL);
 * H2 serves one node, which keeps them in memory.
 */
@Configuration(proxyBeanMethods = false)
class LoginAttemptStoreConfiguration {

	@Bean
	LoginAttemptStore loginAttemptStore(DataSource dataSource, JdbcKnownSignInRepository knownSignIns, Clock clock,
			@Value("${gatehouse.login-attempts.per-address-period}") Duration perAddressPeriod,
			@Value("${gatehouse.login-attempts.per-login-period}") Duration perLoginPeriod)
			throws MetaDataAccessException {
		String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
		if (product.toLowerCase(Locale.ROOT).contains("postgresql")) {
			return new SharedLoginAttemptStore(dataSource, knownSignIns, clock);
		}
		return new MemoryLoginAttemptStore(
				(perAddressPeriod.compareTo(perLoginPeriod) > 0) ? perAddressPeriod : perLoginPeriod);
	}

}
