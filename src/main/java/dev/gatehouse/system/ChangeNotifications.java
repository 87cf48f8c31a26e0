package dev.gatehouse.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tells every server node that something it may have cached has changed: a user, a role,
 * a token, the settings. Locally the listeners run once the change is committed; on
 * PostgreSQL the change also travels to the other nodes through {@code NOTIFY}, which
 * PostgreSQL delivers exactly when the transaction commits. With H2 (one node) it stays
 * local.
 *
 * <p>
 * A node that loses its listening connection tells its listeners that everything changed
 * once it listens again, since notifications sent meanwhile are lost.
 */
@Component
public class ChangeNotifications implements SmartLifecycle {

	/** What changed. */
	public enum Topic {

		USER, ROLE, TOKEN, SETTINGS,

		/** An identity provider for single sign-on was added, changed or removed. */
		IDENTITY_PROVIDER,

		/** A project's trusted CI identity was added or removed. */
		TRUSTED_CI_IDENTITY,

		/**
		 * A personal or project access token was issued; the id is the first 64 bits of
		 * its hash.
		 */
		TOKEN_ISSUED,

		/**
		 * A node refused a password attempt from an address whose failed-login bucket is
		 * empty; the id is the first 64 bits of the key's hash.
		 */
		ADDRESS_BLOCKED,

		/** The same, for a login. */
		LOGIN_BLOCKED

	}

	/** The id that stands for "anything of this topic". */
	public static final long EVERYTHING = -1;

	static final String CHANNEL = "gatehouse_changes";

	private static final Logger logger = LoggerFactory.getLogger(ChangeNotifications.class);

	private final Map<Topic, List<LongConsumer>> listeners = new ConcurrentHashMap<>();

	private final DataSource dataSource;

	private final JdbcClient jdbc;

	private volatile boolean postgres;

	private volatile boolean running;

	private Thread listener;

	/**
	 * This node, in its notifications: it delivers its own changes itself after commit,
	 * so the database's echo of them is skipped (a second invalidation, up to half a
	 * second later, would forget what was cached since, refusals included).
	 */
	private final String node = UUID.randomUUID().toString();

	ChangeNotifications(DataSource dataSource, JdbcClient jdbc) {
		this.dataSource = dataSource;
		this.jdbc = jdbc;
	}

	/**
	 * Notifications that stay on this node and need no database, for code tested on its
	 * own.
	 * @return notifications delivered locally, at once or after the current transaction
	 */
	public static ChangeNotifications local() {
		return new ChangeNotifications(null, null);
	}

	/**
	 * Registers a listener for a topic; it receives the id that changed, or
	 * {@link #EVERYTHING}.
	 * @param topic what to listen to
	 * @param listener what to do
	 */
	public void subscribe(Topic topic, LongConsumer listener) {
		this.listeners.computeIfAbsent(topic, (key) -> new CopyOnWriteArrayList<>()).add(listener);
	}

	/**
	 * Announces a change made by the current transaction (or just made, outside one).
	 * @param topic what changed
	 * @param id which one, or {@link #EVERYTHING}
	 */
	public void publish(Topic topic, long id) {
		if (this.postgres) {
			this.jdbc.sql("select pg_notify(:channel, :payload)")
				.param("channel", CHANNEL)
				.param("payload", payload(topic, id))
				.query()
				.listOfRows();
		}
		AfterCommit.run(() -> deliver(topic, id));
	}

	void deliver(Topic topic, long id) {
		this.listeners.getOrDefault(topic, List.of()).forEach((listener) -> listener.accept(id));
	}

	private void deliverEverything() {
		for (Topic topic : Topic.values()) {
			deliver(topic, EVERYTHING);
		}
	}

	@Override
	public void start() {
		try (Connection connection = this.dataSource.getConnection()) {
			this.postgres = connection.getMetaData()
				.getDatabaseProductName()
				.toLowerCase(Locale.ROOT)
				.contains("postgresql");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot reach the database", ex);
		}
		this.running = true;
		if (this.postgres) {
			this.listener = new Thread(this::listen, "gatehouse-change-listener");
			this.listener.setDaemon(true);
			this.listener.start();
		}
	}

	/**
	 * Holds one connection that listens, reconnecting after a failure.
	 */
	private void listen() {
		boolean lost = false;
		while (this.running) {
			try (Connection connection = this.dataSource.getConnection();
					Statement statement = connection.createStatement()) {
				statement.execute("LISTEN " + CHANNEL);
				if (lost) {
					logger.warn("Listening to change notifications again");
					lost = false;
				}
				// Anything could have changed while nobody listened.
				deliverEverything();
				PGConnection notifications = connection.unwrap(PGConnection.class);
				while (this.running) {
					PGNotification[] received = notifications.getNotifications(500);
					if (received != null) {
						for (PGNotification notification : received) {
							receive(notification.getParameter());
						}
					}
				}
			}
			catch (SQLException | RuntimeException ex) {
				if (this.running) {
					// Once per loss, not once a second for as long as the database is
					// away.
					if (!lost) {
						logger.warn("Lost the change notifications connection; trying again every second", ex);
						lost = true;
					}
					else {
						logger.debug("Still no change notifications connection", ex);
					}
					sleep();
				}
			}
		}
	}

	/** What the database carries to every node: {@code TOPIC:id:node}. */
	String payload(Topic topic, long id) {
		return topic.name() + ":" + id + ":" + this.node;
	}

	void receive(String payload) {
		String[] parts = payload.split(":", 3);
		if (parts.length == 3 && parts[2].equals(this.node)) {
			return;
		}
		try {
			deliver(Topic.valueOf(parts[0]), Long.parseLong(parts[1]));
		}
		catch (RuntimeException ex) {
			logger.warn("Ignored a malformed change notification");
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.listener != null) {
			this.listener.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Whether other nodes hear about changes (PostgreSQL); H2 serves one node.
	 * @return whether changes travel between nodes
	 */
	public boolean sharedAcrossNodes() {
		return this.postgres;
	}

}
