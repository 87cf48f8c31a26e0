package dev.gatehouse.system;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import javax.sql.DataSource;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.QueryType;
import net.ttddyy.dsproxy.support.ProxyDataSource;
import net.ttddyy.dsproxy.listener.NoOpQueryExecutionListener;
import net.ttddyy.dsproxy.listener.QueryUtils;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Counts every statement the server sends to the database, by kind, as the metric
 * {@code gatehouse.jdbc.statements} ({@code gatehouse_jdbc_statements_total} on
 * {@code /actuator/prometheus}). The promise that an authenticated request costs no
 * database work is checked with it (bench/run.sh), rather than inferred from the
 * connection pool. A batch counts as one statement.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseStatements {

	/** The metric's name. */
	public static final String METRIC = "gatehouse.jdbc.statements";

	@Bean
	static StatementCounter statementCounter() {
		return new StatementCounter();
	}

	@Bean
	static BeanPostProcessor countingDataSource(StatementCounter counter) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				// Counted once, however many data sources wrap one another.
				return (bean instanceof DataSource dataSource && !(bean instanceof ProxyDataSource))
						? ProxyDataSourceBuilder.create(dataSource).name(beanName).listener(counter).build() : bean;
			}

		};
	}

	/** Statements counted in memory, read by the metrics registry when it scrapes. */
	public static final class StatementCounter extends NoOpQueryExecutionListener implements MeterBinder {

		private final Map<QueryType, LongAdder> counts = new EnumMap<>(QueryType.class);

		StatementCounter() {
			for (QueryType type : QueryType.values()) {
				this.counts.put(type, new LongAdder());
			}
		}

		@Override
		public void afterQuery(ExecutionInfo execution, List<QueryInfo> queries) {
			QueryType type = queries.isEmpty() ? QueryType.OTHER : QueryUtils.getQueryType(queries.get(0).getQuery());
			this.counts.get(type).increment();
		}

		/**
		 * Statements counted so far.
		 * @return all kinds together
		 */
		public long total() {
			return this.counts.values().stream().mapToLong(LongAdder::sum).sum();
		}

		@Override
		public void bindTo(MeterRegistry registry) {
			this.counts.forEach((type, count) -> FunctionCounter.builder(METRIC, count, LongAdder::sum)
				.description("Statements sent to the database")
				.tag("kind", type.name().toLowerCase(Locale.ROOT))
				.register(registry));
		}

	}

}
