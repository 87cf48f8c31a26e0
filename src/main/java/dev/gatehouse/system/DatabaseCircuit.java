package dev.gatehouse.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Properties;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.StateTransition;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Stops asking for connections while the database is unreachable. Without it, every
 * request that needs the database waited the pool's whole connection timeout before
 * failing, so an outage looked like a hang. Once half of the latest connection attempts
 * (two at least, of five) failed because the database cannot be reached (not because the
 * pool is busy), requests that need a connection fail at once for a second; then one
 * attempt is let through, and the first that succeeds closes the circuit again, so
 * service resumes within about a second of the database's return. A Resilience4j circuit
 * breaker keeps that state.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseCircuit {

	/** How long the circuit stays open before one attempt is let through again. */
	static final Duration OPEN = Duration.ofSeconds(1);

	/** The longest a trial may take before the circuit opens again anyway. */
	static final Duration TRIAL_LIMIT = Duration.ofSeconds(5);

	private static final Logger logger = LoggerFactory.getLogger(DatabaseCircuit.class);

	/**
	 * Wraps the pool itself, before anything else wraps it (the statement counter): the
	 * trial below needs the pool's own settings.
	 */
	@Bean
	static BeanPostProcessor circuitBreakingDataSource() {
		return new CircuitBreakingPostProcessor();
	}

	static CircuitBreaker circuit() {
		CircuitBreakerConfig config = CircuitBreakerConfig.custom()
			.slidingWindow(5, 2, SlidingWindowType.COUNT_BASED)
			.failureRateThreshold(50)
			.waitDurationInOpenState(OPEN)
			.permittedNumberOfCallsInHalfOpenState(1)
			// A trial that never returns must not keep the circuit half-open for good.
			.maxWaitDurationInHalfOpenState(TRIAL_LIMIT)
			// A pool that is only busy is no outage: its timeout carries no SQL state.
			.recordException((failure) -> failure instanceof SQLException sql && DatabaseOutage.isUnreachable(sql))
			.writableStackTraceEnabled(false)
			.build();
		CircuitBreaker circuit = CircuitBreaker.of("database", config);
		// Once per outage, not once per second of it.
		circuit.getEventPublisher().onStateTransition((event) -> {
			if (event.getStateTransition() == StateTransition.CLOSED_TO_OPEN) {
				logger.warn("The database is unreachable: answering 503 at once, trying again every second");
			}
			else if (event.getStateTransition().getToState() == State.CLOSED) {
				logger.warn("The database is reachable again");
			}
		});
		return circuit;
	}

	private static final class CircuitBreakingPostProcessor implements BeanPostProcessor, PriorityOrdered {

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			return (bean instanceof DataSource dataSource && !(bean instanceof CircuitBreakingDataSource))
					? new CircuitBreakingDataSource(dataSource) : bean;
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

	}

	/** The server's data source, behind the circuit. */
	static final class CircuitBreakingDataSource extends DelegatingDataSource {

		private final CircuitBreaker circuit = circuit();

		CircuitBreakingDataSource(DataSource target) {
			super(target);
		}

		@Override
		public Connection getConnection() throws SQLException {
			if (!this.circuit.tryAcquirePermission()) {
				throw new SQLTransientConnectionException("The database is unreachable; waiting before trying again",
						"08001");
			}
			long start = this.circuit.getCurrentTimestamp();
			boolean reported = false;
			try {
				Connection connection = (this.circuit.getState() == State.HALF_OPEN) ? trial() : super.getConnection();
				reported = true;
				this.circuit.onSuccess(this.circuit.getCurrentTimestamp() - start, this.circuit.getTimestampUnit());
				return connection;
			}
			catch (SQLException | RuntimeException ex) {
				reported = true;
				this.circuit.onError(this.circuit.getCurrentTimestamp() - start, this.circuit.getTimestampUnit(), ex);
				throw ex;
			}
			finally {
				if (!reported) {
					// An Error: the permission goes back, counted neither way.
					this.circuit.releasePermission();
				}
			}
		}

		/**
		 * A connection for the one request let through while the circuit is open. The
		 * database is first reached without the pool, so that nobody waits on the pool
		 * during an outage: Hikari retries a refused connection with a backoff growing to
		 * 5 s for as long as someone waits (or it is short of idle connections, hence
		 * {@code minimum-idle: 0}), and slept past the database's return (recovery took 5
		 * to 5.8 s in bench/outage.sh). Left alone, it stops retrying, and starts again
		 * from 10 ms once the circuit closes.
		 */
		private Connection trial() throws SQLException {
			DataSource target = obtainTargetDataSource();
			if (target instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null) {
				Properties properties = new Properties();
				properties.putAll(hikari.getDataSourceProperties());
				if (hikari.getUsername() != null) {
					properties.setProperty("user", hikari.getUsername());
				}
				if (hikari.getPassword() != null) {
					properties.setProperty("password", hikari.getPassword());
				}
				if (hikari.getJdbcUrl().startsWith("jdbc:postgresql:")) {
					// Bounded at every step: a server that accepts the connection
					// but never answers (a stopped process behind a proxy) fails the
					// trial too.
					properties.putIfAbsent("connectTimeout", "2");
					properties.putIfAbsent("loginTimeout", "2");
					properties.putIfAbsent("socketTimeout", "2");
				}
				DriverManager.getConnection(hikari.getJdbcUrl(), properties).close();
			}
			return target.getConnection();
		}

	}

}
