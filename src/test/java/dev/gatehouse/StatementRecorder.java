package dev.gatehouse;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import javax.sql.DataSource;

import jakarta.servlet.Filter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Records the SQL the test server prepares, so a test can prove that some traffic costs
 * no database work of a kind (say, no token lookup), whatever else runs meanwhile.
 */
public final class StatementRecorder {

	private static final ThreadLocal<Boolean> SERVING_REQUEST = new ThreadLocal<>();

	private final Queue<Statement> statements = new ConcurrentLinkedQueue<>();

	private volatile boolean recording;

	/**
	 * Runs the action and answers the SQL prepared meanwhile, by anyone.
	 * @param action what to run
	 * @return the statements' text
	 */
	public List<String> during(Runnable action) {
		return recorded(action).stream().map(Statement::sql).toList();
	}

	/**
	 * Runs the action and answers the SQL prepared meanwhile while serving requests,
	 * leaving out every background writer (last use, audit bursts, the session store's
	 * clean-up), whatever its thread is called.
	 * @param action what to run
	 * @return the statements' text
	 */
	public List<String> duringRequests(Runnable action) {
		return recorded(action).stream().filter(Statement::servingRequest).map(Statement::sql).toList();
	}

	private List<Statement> recorded(Runnable action) {
		this.statements.clear();
		this.recording = true;
		try {
			action.run();
		}
		finally {
			this.recording = false;
		}
		return List.copyOf(this.statements);
	}

	private void record(Object sql) {
		if (this.recording && sql instanceof String text) {
			this.statements.add(new Statement(text, SERVING_REQUEST.get() != null));
		}
	}

	private Connection recording(Connection connection) {
		return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
				new Class<?>[] { Connection.class }, (proxy, method, arguments) -> {
					if ((method.getName().equals("prepareStatement") || method.getName().equals("prepareCall"))
							&& arguments != null && arguments.length > 0) {
						record(arguments[0]);
					}
					try {
						return method.invoke(connection, arguments);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

	private static final class RecordingDataSource extends DelegatingDataSource {

		private final ObjectProvider<StatementRecorder> recorder;

		RecordingDataSource(DataSource target, ObjectProvider<StatementRecorder> recorder) {
			super(target);
			this.recorder = recorder;
		}

		@Override
		public Connection getConnection() throws SQLException {
			return this.recorder.getObject().recording(super.getConnection());
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			return this.recorder.getObject().recording(super.getConnection(username, password));
		}

	}

	private record Statement(String sql, boolean servingRequest) {
	}

	/**
	 * Wraps the server's data source.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class Configuration {

		@Bean
		StatementRecorder statementRecorder() {
			return new StatementRecorder();
		}

		/**
		 * Marks the thread while it serves a request, outside every other filter.
		 * @return the registration
		 */
		@Bean
		FilterRegistrationBean<Filter> servingRequestMark() {
			FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
				SERVING_REQUEST.set(Boolean.TRUE);
				try {
					chain.doFilter(request, response);
				}
				finally {
					SERVING_REQUEST.remove();
				}
			});
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

		@Bean
		static BeanPostProcessor recordingDataSource(ObjectProvider<StatementRecorder> recorder) {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					return (bean instanceof DataSource dataSource && !(bean instanceof RecordingDataSource))
							? new RecordingDataSource(dataSource, recorder) : bean;
				}

			};
		}

	}

}
