package dev.gatehouse.web;

import java.time.Duration;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * Puts {@link LazyTouchSessionRepository} in front of the JDBC session store that Spring
 * Boot configures. A post-processor rather than a repository bean of its own, because any
 * {@code SessionRepository} bean would turn Boot's session configuration off (table,
 * timeout, cleanup) instead of decorating it.
 */
@Configuration(proxyBeanMethods = false)
class SessionStoreConfiguration {

	/** How old a session's last access time may get before a request moves it. */
	static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

	@Bean
	static BeanPostProcessor lazySessionTouch() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return (bean instanceof JdbcIndexedSessionRepository store)
						? new LazyTouchSessionRepository<>(store, TOUCH_INTERVAL) : bean;
			}

		};
	}

}
